-- Refresh-token rotation: every refresh token is good once, so each answer's new token is queued for a
-- later request. The thread starts with its share of BENCH_FILE (one token a line), more than its
-- connections, so the queue never runs dry unless refreshes fail.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local path = os.getenv("BENCH_PATH") or "/api/v1/auth/refresh"
local headers = { ["Content-Type"] = "application/json" }

function init(args)
  local threads = tonumber(os.getenv("BENCH_THREADS"))
  queue, head, tail = {}, 1, 0
  local i = 0
  for line in io.lines(os.getenv("BENCH_FILE")) do
    if i % threads == id then
      tail = tail + 1
      queue[tail] = line
    end
    i = i + 1
  end
end

function request()
  local token = queue[head] or "none-left"
  if head <= tail then
    queue[head] = nil
    head = head + 1
  end
  return wrk.format("POST", path, headers, '{"refreshToken":"' .. token .. '"}')
end

function response(status, hdrs, body)
  local token = body:match('"refreshToken":"([^"]+)"')
  if token then
    tail = tail + 1
    queue[tail] = token
  end
end
