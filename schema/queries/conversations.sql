-- name: ConversationSummaries :many
-- Every conversation of a tenant with its message count and last message time.
select c.id, c.title, c.status, u.email,
       count(m.id) as message_count,
       max(m.created_at) as last_message_at
from conversations c
join users u on u.id = c.user_id
left join messages m on m.conversation_id = c.id
where c.tenant_id = $1
group by c.id, u.email
order by c.id;

-- name: MessagesOfConversation :many
-- @not-null role
select m.id, m.role, m.content, m.token_count
from messages m
where m.conversation_id = $1 and (sqlc.narg(role)::message_role is null or m.role = sqlc.narg(role))
order by m.created_at;

-- name: TagConversation :one
update conversations set tags = array_append(tags, @tag)
where id = @id and not (@tag = any(tags))
returning id, tags;

-- name: ArchiveStale :execrows
with stale as (
  select id from conversations where updated_at < now() - make_interval(days => @days)
)
update conversations set status = 'archived'
where id in (select id from stale);

-- name: FeedbackStats :one
select count(*) as ratings, avg(rating)::float8 as average, min(rating) as lowest
from feedback f
where f.user_id = $1;

-- name: UsersAndLeadOwners :many
select u.email as user_email, l.email as lead_email
from users u full join leads l on l.owner_id = u.id
where coalesce(u.tenant_id, l.tenant_id) = $1
order by 1, 2;

-- name: ConversationRecency :many
select id, rank() over (partition by user_id order by created_at desc) as recency
from conversations where tenant_id = $1 order by id;

-- name: LatestMessages :many
-- Each conversation of a user with its newest message (LEFT JOIN LATERAL: none without one).
select c.id, latest.content, latest.created_at
from conversations c
left join lateral (
  select m.content, m.created_at from messages m
  where m.conversation_id = c.id
  order by m.created_at desc, m.id desc
  limit 1
) latest on true
where c.user_id = $1
order by c.id;

-- name: MessagesPerRole :many
-- Every role with the messages of a conversation in it (RIGHT JOIN onto the enum's values).
select r.role, count(m.id) as messages
from messages m
right join unnest(enum_range(null::message_role)) as r(role)
  on m.role = r.role and m.conversation_id = $1
group by r.role
order by r.role;

-- name: ConversationsWithTenant :many
-- A CROSS JOIN of the one tenant and its conversations' titles.
select t.slug, c.id as conversation_id, c.title
from tenants t
cross join conversations c
where t.id = $1 and c.tenant_id = t.id
order by c.id;
