-- Instances keep users' own profiles in memory (as they keep live sessions), so every change to what a
-- profile shows is announced from the database itself on usercenter_profiles, with the user's id, at
-- commit: no code path that changes a profile can forget to tell the instances. A statement that
-- changes more than 1,000 users, or a hobby or community every profile may name, announces '*'
-- (everyone) instead of a million ids.
create function announce_profiles(users bigint[]) returns void language plpgsql as $$
begin
    if users is null or cardinality(users) = 0 then
        return;
    end if;
    if cardinality(users) > 1000 then
        perform pg_notify('usercenter_profiles', '*');
    else
        perform pg_notify('usercenter_profiles', u::text) from unnest(users) as u;
    end if;
end
$$;

create function announce_users_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'UPDATE' then
        perform announce_profiles(array(
            select n.id from changed_rows n join previous_rows o on o.id = n.id where (n.*) is distinct from (o.*)));
    else
        perform announce_profiles(array(select id from previous_rows));
    end if;
    return null;
end
$$;

create trigger tr_app_user_updated after update on app_user
    referencing old table as previous_rows new table as changed_rows
    for each statement execute function announce_users_changed();
create trigger tr_app_user_deleted after delete on app_user
    referencing old table as previous_rows
    for each statement execute function announce_users_changed();

create function announce_hobbies_changed() returns trigger language plpgsql as $$
begin
    if tg_op = 'INSERT' then
        perform announce_profiles(array(select distinct user_id from changed_rows));
    elsif tg_op = 'DELETE' then
        perform announce_profiles(array(select distinct user_id from previous_rows));
    else
        perform announce_profiles(array(select distinct user_id from changed_rows
                                        union select user_id from previous_rows));
    end if;
    return null;
end
$$;

create trigger tr_user_hobby_inserted after insert on user_hobby
    referencing new table as changed_rows
    for each statement execute function announce_hobbies_changed();
create trigger tr_user_hobby_updated after update on user_hobby
    referencing old table as previous_rows new table as changed_rows
    for each statement execute function announce_hobbies_changed();
create trigger tr_user_hobby_deleted after delete on user_hobby
    referencing old table as previous_rows
    for each statement execute function announce_hobbies_changed();

-- A renamed or removed hobby or community: every profile that names it.
create function announce_catalog_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('usercenter_profiles', '*');
    return null;
end
$$;

create trigger tr_hobby_changed after update or delete on hobby
    for each statement execute function announce_catalog_changed();
create trigger tr_community_changed after update or delete on community
    for each statement execute function announce_catalog_changed();

-- Sessions: announce only when revoked_at changes, not on every refresh that rewrites the row (an
-- announcement costs every instance a lookup, and its commit a lock shared by all announcing commits).
drop trigger tr_user_session_ended on user_session;
create trigger tr_user_session_revoked after update of revoked_at on user_session
    for each row when (old.revoked_at is distinct from new.revoked_at)
    execute function notify_session_ended();
create trigger tr_user_session_deleted after delete on user_session
    for each row execute function notify_session_ended();
