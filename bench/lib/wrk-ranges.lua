-- The "ranges" workload: every request asks for a random SPAN-byte range of a SIZE-byte file
-- (Range: bytes=first-last, RFC 9110 §14.1.2), as players seeking and download managers
-- splitting a file do. Arguments after wrk's "--": SIZE [SPAN]. The exact-totals summary
-- comes from wrk-summary.lua beside this file (wrk takes one script).
local here = debug.getinfo(1, 'S').source:match('^@(.*/)') or './'
dofile(here .. 'wrk-summary.lua')

local size, span = 0, 65536

init = function(args)
  size = tonumber(args[1])
  span = tonumber(args[2] or span)
  math.randomseed(os.time() + tonumber(tostring({}):match('0x(%x+)') or '0', 16) % 100000)
end

request = function()
  local first = math.random(0, size - span)
  wrk.headers['Range'] = string.format('bytes=%d-%d', first, first + span - 1)
  return wrk.format(nil, nil)
end
