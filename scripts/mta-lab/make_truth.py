#!/usr/bin/env python3
"""Build out/truth.tsv from out/<server>/meta.json (+ out/<server>/version.txt).

One row per (notice file, recipient).  Whether the notice quotes the scripted
reply is checked mechanically (whitespace-insensitive, quoted-printable soft
breaks removed) and reported in the notes column.
Optional manual notes: out/<server>/notes.json  {"file.eml": "note", ...}
"""
import glob, json, os, re, sys
sys.path.insert(0, os.path.dirname(__file__))

OUT = "/work/mta-lab/out"

# reply text per local part, kept in sync with sink.py
import importlib.util
src = open(os.path.join(os.path.dirname(__file__), "sink.py")).read()
m = re.search(r"SCENARIOS = \{.*?\n\}", src, re.S)
ns = {}
exec(m.group(0), ns)
REPLIES = {k: v[1] for k, v in ns["SCENARIOS"].items()}
REPLIES["refused-at-connect"] = "554 5.7.1 Connection refused"

CATEGORY = {
    "user-unknown": "user-unknown", "user-unknown-nocode": "user-unknown",
    "multi-unknown": "user-unknown",
    "mailbox-disabled": "mailbox-disabled", "relay-denied": "policy",
    "ip-blocklisted": "blocked", "dmarc": "policy", "mailbox-full": "mailbox-full",
    "mailbox-full-permanent": "mailbox-full", "multi-full": "mailbox-full",
    "rate-limited": "throttled", "greylisted": "throttled",
    "greylisted-other-words": "throttled", "server-busy": "throttled",
    "ip-temp-blocked": "blocked", "too-large": "message-too-large",
    "spam-content": "spam", "refused-at-connect": "blocked",
}
HARD = {"user-unknown", "bad-domain", "mailbox-disabled"}


def norm(s):
    s = s.replace("=\r\n", "").replace("=\n", "")
    return re.sub(r"\s+", " ", s)


rows = []
for meta_path in sorted(glob.glob(OUT + "/*/meta.json")):
    server = os.path.basename(os.path.dirname(meta_path))
    ver = open(os.path.dirname(meta_path) + "/version.txt").read().strip()
    meta = json.load(open(meta_path))
    notes_path = os.path.dirname(meta_path) + "/notes.json"
    extra = json.load(open(notes_path)) if os.path.exists(notes_path) else {}
    for fname, md in sorted(meta.items()):
        if md.get("skip"):
            continue
        raw = open(os.path.join(os.path.dirname(meta_path), fname), "rb").read().decode("utf-8", "replace")
        body = norm(raw)
        for rcpt in md["recipients"]:
            local = rcpt.split("@")[0]
            key = local if local in REPLIES else md["scenario"]
            reply = REPLIES[key].replace("{rcpt}", rcpt)
            cat = CATEGORY[key]
            words = reply.split(" ", 2)
            if norm(reply) in body:
                quoted = "full"
            elif len(words) > 2 and norm(words[2])[:40] in body:
                quoted = "text"
            else:
                quoted = "none"
            notes = []
            action = "delayed" if md["kind"] == "warning" else "failed"
            if quoted == "none":
                notes.append("notice does not quote the remote reply")
                cat = "delayed" if action == "delayed" else "expired"
            elif quoted == "text":
                notes.append("reply text quoted but not verbatim (reply code/status rewritten or split)")
            if fname in extra:
                notes.append(extra[fname])
            hard = "true" if cat in HARD else "false"
            rows.append([server + "/" + fname, server, ver, md["scenario"], rcpt, action,
                         reply, cat, hard, "; ".join(notes)])

with open(OUT + "/truth.tsv", "w") as f:
    f.write("\t".join(["file", "server", "server_version", "scenario", "recipient", "action",
                       "scripted_reply", "category", "hard", "notes"]) + "\n")
    for r in rows:
        f.write("\t".join(r) + "\n")
print(len(rows), "rows")
