-- Demo accounts of the local stack and the tests: the account claims of the demo users in
-- deploy/keycloak/realm-openpsi.json. Loaded only with openpsi.demo.enabled=true; idempotent.
insert into account (id, name, type, parent_id, integrations_enabled, created_at, updated_at, version) values
    ('partner-one', 'Partner One', 'PARTNER', null, false, now(), now(), 0),
    ('acme', 'ACME GmbH', 'CUSTOMER', 'partner-one', false, now(), now(), 0),
    ('globex', 'Globex Corp', 'CUSTOMER', 'partner-one', false, now(), now(), 0)
on conflict (id) do nothing
