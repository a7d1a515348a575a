-- Instances keep the hobby catalog in memory (as they keep profiles, V12), so every change to it is
-- announced from the database itself on usercenter_hobbies, as '*', at commit: an added hobby too,
-- which no profile names yet (V12 announces renamed and removed ones to profiles).
create function announce_hobby_catalog_changed() returns trigger language plpgsql as $$
begin
    perform pg_notify('usercenter_hobbies', '*');
    return null;
end
$$;

create trigger tr_hobby_catalog_changed after insert or update or delete on hobby
    for each statement execute function announce_hobby_catalog_changed();
