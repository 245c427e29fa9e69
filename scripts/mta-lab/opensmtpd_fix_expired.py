#!/usr/bin/env python3
"""OpenSMTPD 6.8 reports queue-ttl expiry with a 'Delivery status notification: delayed'
notice ('Envelope expired', Action: delayed, Status: 4.4.7) and then drops the message.
Those notices are the final (gave-up) notices: rename *-warning-N.eml whose text says
'Envelope expired' to *-final.eml and record it in meta.json/notes.json."""
import json, os
OUT = "/work/mta-lab/out/opensmtpd"
meta = json.load(open(OUT + "/meta.json"))
notes_p = OUT + "/notes.json"
notes = json.load(open(notes_p)) if os.path.exists(notes_p) else {}
for name in list(meta):
    raw = open(os.path.join(OUT, name), "rb").read()
    if b"Envelope expired" in raw and meta[name]["kind"] == "warning":
        new = meta[name]["scenario"] + "-final.eml"
        assert new not in meta, new
        os.rename(os.path.join(OUT, name), os.path.join(OUT, new))
        md = meta.pop(name); md["kind"] = "final"; meta[new] = md
        notes[new] = ("queue-ttl expiry notice: OpenSMTPD labels it 'delayed' (Subject, 'Action: delayed', "
                      "'Status: 4.4.7', text 'Envelope expired', 'kept in the queue for up to 7 days') "
                      "but the message was removed from the queue; no other final notice is sent")
        print(name, "->", new)
json.dump(meta, open(OUT + "/meta.json", "w"), indent=1)
json.dump(notes, open(notes_p, "w"), indent=1)
