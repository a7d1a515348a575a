-- Every revoked or deleted session is announced on a channel every instance listens to, from the
-- database itself, so no code path that ends a session can forget to tell the instances that keep
-- live sessions in memory. NOTIFY is delivered at commit, once per user and transaction.
create function notify_session_ended() returns trigger language plpgsql as $$
begin
    perform pg_notify('usercenter_sessions', coalesce(new.user_id, old.user_id)::text);
    return null;
end
$$;

create trigger tr_user_session_ended after update of revoked_at or delete on user_session
    for each row execute function notify_session_ended();
