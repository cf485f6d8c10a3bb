#!/usr/bin/env python3
"""Two checks of who did what in sitrep's output (one JSON document a line,
as `sitrep code` writes it), for reported speech and agents' countries:

- non-statement events (CAMEO root other than 01) whose source lies inside
  their own attribution, i.e. the one who reports the event coded as the
  one who did it ("Activists said troops stormed ..." coded with the
  activists as source); pronoun reports ("the army said it killed ...")
  are counted too, though the speaker is right there;
- statements ("said", "told" ...) whose source stands before a comma or
  quotation mark that ends what they report, i.e. an actor of the report
  coded as its speaker ("Several people were trapped, the Fire Department
  said": people as the source); needs the documents' text, so it is
  counted only when ARTICLES is given as the third argument;
- violent events (CAMEO roots 18 to 20) whose source is civilians,
  medical staff, schools or refugees (codes ending CVL, HLH, EDU, REF):
  nearly always the victims coded as the attackers ("Three civilians
  were killed ... by the regime" with the civilians as source);
- actors whose words are an agent alone (written in lower case: "civilians",
  "rebels", "the army"), in events located in COUNTRY, coded with another
  country's prefix (RUSCVL for civilians killed in Idlib).

usage: sitrep code ARTICLES | bench/speakers.py [COUNTRY_ALPHA2 [ACTOR_CODE [ARTICLES]]]
       (defaults SY and SYR)
"""
import collections
import json
import sys

SAYING = ("said", "says", "told", "reported", "added", "stated")


def main():
    cc = sys.argv[1] if len(sys.argv) > 1 else "SY"
    own = sys.argv[2] if len(sys.argv) > 2 else "SYR"
    texts = {}
    if len(sys.argv) > 3:
        with open(sys.argv[3], encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    d = json.loads(line)
                    texts[str(d.get("id"))] = d.get("text", "").encode("utf-8")
    n = speaker = unknown = said = across = violent = victim_src = 0
    foreign = collections.Counter()
    for line in sys.stdin:
        if not line.strip():
            continue
        doc = json.loads(line)
        body = texts.get(str(doc.get("id")))
        for e in doc.get("events") or []:
            src, att = e.get("source"), e.get("attribution")
            verb = (e.get("verb") or {})
            if body is not None and (verb.get("text") or "").lower() in SAYING:
                said += 1
                if src and src.get("end") is not None and src["end"] <= verb["start"]:
                    gap = body[src["end"]:verb["start"]].decode("utf-8", "replace")
                    across += any(c in gap for c in ',"\u201d')
            if str(e.get("code", ""))[:2] in ("18", "19", "20"):
                violent += 1
                victim_src += ((src or {}).get("code") or "")[-3:] in ("CVL", "HLH", "EDU", "REF")
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
    if texts:
        print("statements (%s): %d; source before the comma or quotation mark that ends "
              "what they report: %d (%.1f%%)" % ("/".join(SAYING), said, across,
                                                  100.0 * across / max(said, 1)))
    print("violent events (CAMEO 18-20): %d; source civilians, medical, schools or refugees: "
          "%d (%.1f%%)" % (violent, victim_src, 100.0 * victim_src / max(violent, 1)))
    print("agents alone in events located in %s coded with another country: %d %s"
          % (cc, sum(foreign.values()), dict(foreign.most_common(8))))


if __name__ == "__main__":
    main()
