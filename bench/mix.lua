-- wrk script for bench/serve.py's soak: every connection asks for the paths given after "--",
-- one after the other, so 50 readers spread over the pages people read.
local paths = {}
local counter = 0

function init(args)
  for _, path in ipairs(args) do
    paths[#paths + 1] = path
  end
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end
