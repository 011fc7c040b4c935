-- PBX system settings held in an account, not pushed to the PBX (DOMAIN.md "CloudLink connector",
-- last bullet). One row per account, created by its first write; a missing row reads as "nothing
-- configured". Each section is null until configured. The location provider's secret is stored
-- only sealed by SecretCipher (libs/security); location_provider never holds it.
create table account_settings (
    account                  text collate "C" primary key references account (id),
    voicemail_pilot          text
                             constraint account_settings_pilot_e164 check (voicemail_pilot ~ '^\+[1-9][0-9]{1,14}$'),
    -- {"callForward": "*72", ...}: exactly the six features
    feature_codes            jsonb
                             constraint account_settings_feature_codes_object check (jsonb_typeof(feature_codes) = 'object'),
    -- ["911", "112"]
    emergency_numbers        jsonb
                             constraint account_settings_emergency_numbers_array check (jsonb_typeof(emergency_numbers) = 'array'),
    -- name, type, primaryServer, secondaryServer, customerId, extraHeaders (never the secret)
    location_provider        jsonb
                             constraint account_settings_location_provider_object check (jsonb_typeof(location_provider) = 'object'),
    location_provider_secret text,
    updated_at               timestamptz not null,
    -- optimistic locking (JPA @Version); the API's ETag is derived from it
    version                  bigint      not null default 0,
    -- a configured provider always has its secret, and a secret never outlives its provider
    constraint account_settings_secret_with_provider
        check ((location_provider is null) = (location_provider_secret is null))
);
