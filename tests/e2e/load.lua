-- wrk script: cycles through aggregate queries the page makes, so the run
-- measures the server with its reply cache warm on several keys.
local paths = {
  "/aggregates?by=month",
  "/aggregates?by=day&country=SY",
  "/aggregates?by=admin1",
  "/aggregates?by=week,plover",
  "/places",
}
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
