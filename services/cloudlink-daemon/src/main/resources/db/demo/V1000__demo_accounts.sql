-- Demo accounts of the local stack and the tests (the account claims of deploy/keycloak/realm-openpsi.json).
-- Not in the default Flyway locations: only %test and the local stack launcher add classpath:db/demo.
insert into account (id, name, type, parent_id) values
    ('partner-one', 'Partner One', 'PARTNER', null),
    ('acme', 'ACME GmbH', 'CUSTOMER', 'partner-one'),
    ('globex', 'Globex Corp', 'CUSTOMER', 'partner-one');
