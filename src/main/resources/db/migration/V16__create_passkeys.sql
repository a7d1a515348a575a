-- Passkeys (WebAuthn): the opaque user handle each account shows authenticators (never its id or a contact),
-- the passkeys registered to it (public keys only: private keys never leave the authenticators), and the
-- challenges of ceremonies in progress, kept here so that any instance finishes what another started.
create table passkey_user (
    user_id         bigint       not null,
    handle          bytea        not null,
    constraint pk_passkey_user primary key (user_id),
    constraint uk_passkey_user_handle unique (handle),
    constraint fk_passkey_user_user foreign key (user_id) references app_user (id) on delete cascade,
    constraint ck_passkey_user_handle check (octet_length(handle) = 32)
);

create table passkey (
    id              uuid         not null,
    user_id         bigint       not null,
    credential_id   bytea        not null,
    -- attested credential data: AAGUID, credential id and the COSE public key
    credential_data bytea        not null,
    sign_count      bigint       not null,
    uv_initialized  boolean      not null,
    backup_eligible boolean      not null,
    backup_state    boolean      not null,
    transports      varchar(200),
    name            varchar(64)  not null,
    created_at      timestamptz  not null,
    last_used_at    timestamptz,
    constraint pk_passkey primary key (id),
    constraint uk_passkey_credential unique (credential_id),
    constraint fk_passkey_user foreign key (user_id) references app_user (id) on delete cascade,
    constraint ck_passkey_credential_id check (octet_length(credential_id) between 1 and 1023),
    constraint ck_passkey_sign_count check (sign_count between 0 and 4294967295)
);
create index ix_passkey_user on passkey (user_id);

-- id_hash: SHA-256 of the challenge (registration: the client data carries it back) or of the challengeId
-- (sign-in); a row is used up by deleting it
create table passkey_challenge (
    id_hash         bytea        not null,
    purpose         varchar(8)   not null,
    user_id         bigint,
    named           boolean      not null,
    challenge       bytea        not null,
    expires_at      timestamptz  not null,
    constraint pk_passkey_challenge primary key (id_hash),
    constraint fk_passkey_challenge_user foreign key (user_id) references app_user (id) on delete cascade,
    constraint ck_passkey_challenge_purpose check (purpose in ('register', 'login'))
);
create index ix_passkey_challenge_expires_at on passkey_challenge (expires_at);
create index ix_passkey_challenge_user on passkey_challenge (user_id) where user_id is not null;
