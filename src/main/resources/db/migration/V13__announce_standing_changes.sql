-- A session's token is good only while its user and its tenant are active, and instances keep live
-- sessions in memory: so a change of a user's status, or of a tenant's status or secret, is announced
-- on the sessions channel from the database itself (as ended sessions are, V11 and V12), and every
-- instance reads those sessions again. A tenant's change announces '*' (everyone): tenants change
-- rarely and a tenant may have many users.
create function announce_user_standing() returns trigger language plpgsql as $$
begin
    perform pg_notify('usercenter_sessions', new.id::text);
    return null;
end
$$;

create trigger tr_app_user_status_changed after update of status on app_user
    for each row when (old.status is distinct from new.status)
    execute function announce_user_standing();

create function announce_tenant_standing() returns trigger language plpgsql as $$
begin
    perform pg_notify('usercenter_sessions', '*');
    return null;
end
$$;

create trigger tr_tenant_standing_changed after update of status, secret_sealed on tenant
    for each row when (old.status is distinct from new.status or old.secret_sealed is distinct from new.secret_sealed)
    execute function announce_tenant_standing();

-- Which partner's sign-in proved a pending deletion of an account that has neither a password nor a
-- contact (null when the owner's own proof did): only that partner's sign-in, or the owner's own, may
-- cancel it, so a partner cannot cancel a deletion it could not have started.
alter table app_user add column deletion_tenant_id bigint;
