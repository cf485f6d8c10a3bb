#!/usr/bin/env python3
"""Two checks of who did what in sitrep's output (one JSON document a line,
as `sitrep code` writes it), for reported speech and agents' countries:

- non-statement events (CAMEO root other than 01) whose source lies inside
  their own attribution, i.e. the one who reports the event coded as the
  one who did it ("Activists said troops stormed ..." coded with the
  activists as source); pronoun reports ("the army said it killed ...")
  are counted too, though the speaker is right there;
- actors whose words are an agent alone (written in lower case: "civilians",
  "rebels", "the army"), in events located in COUNTRY, coded with another
  country's prefix (RUSCVL for civilians killed in Idlib).

usage: sitrep code ARTICLES | bench/speakers.py [COUNTRY_ALPHA2 [ACTOR_CODE]]
       (defaults SY and SYR)
"""
import collections
import json
import sys


def main():
    cc = sys.argv[1] if len(sys.argv) > 1 else "SY"
    own = sys.argv[2] if len(sys.argv) > 2 else "SYR"
    n = speaker = unknown = 0
    foreign = collections.Counter()
    for line in sys.stdin:
        if not line.strip():
            continue
        doc = json.loads(line)
        for e in doc.get("events") or []:
            src, att = e.get("source"), e.get("attribution")
            if not str(e.get("code", "")).startswith("01"):
                n += 1
                if src is None:
                    unknown += 1
                elif (att and att.get("start") is not None and src.get("start") is not None
                      and att["start"] <= src["start"] and src["end"] <= att["end"]):
                    speaker += 1
            if ((e.get("location") or {}).get("country")) != cc:
                continue
            for side in ("source", "target"):
                a = e.get(side) or {}
                code, text = a.get("code") or "", a.get("text") or ""
                if (len(code) >= 6 and text and text[0].islower()
                        and code[:3] not in (own, "---", "IGO", "NGO", "IMG")):
                    foreign[code[3:6]] += 1
    print("non-statement events: %d; source inside its own attribution: %d (%.1f%%); "
          "source unknown: %d" % (n, speaker, 100.0 * speaker / max(n, 1), unknown))
    print("agents alone in events located in %s coded with another country: %d %s"
          % (cc, sum(foreign.values()), dict(foreign.most_common(8))))


if __name__ == "__main__":
    main()
