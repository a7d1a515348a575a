-- Sends requests the harness built in advance (BENCH_FILE, one a line: METHOD \t PATH \t headers \t body,
-- headers as "Name: value" joined by \31). Thread i of BENCH_THREADS takes lines i, i+n, i+2n...
-- Lists of single-use requests (signed with a nonce, a code) are made long enough for the run; were one
-- to wrap around, the service would answer the replays with errors, and they are counted.
dofile(os.getenv("BENCH_LUA") .. "/common.lua")

function init(args)
  local threads = tonumber(os.getenv("BENCH_THREADS"))
  reqs = {}
  local i = 0
  for line in io.lines(os.getenv("BENCH_FILE")) do
    if i % threads == id then
      local method, path, headers, body = line:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t(.*)$")
      local h = {}
      for pair in string.gmatch(headers, "[^\31]+") do
        local name, value = pair:match("^([^:]+): (.*)$")
        h[name] = value
      end
      if body == "" then body = nil end
      reqs[#reqs + 1] = wrk.format(method, path, h, body)
    end
    i = i + 1
  end
  at = 0
end

function request()
  at = at + 1
  if at > #reqs then at = 1 end
  return reqs[at]
end
