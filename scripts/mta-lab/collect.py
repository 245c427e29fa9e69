#!/usr/bin/env python3
"""Copy bounce/delay notices from the sender's mailbox into out/<server>/.

usage: collect.py SERVER MAILDIR_OR_MBOX WARNING_SUBJECT_REGEX
Each notice is matched to a scenario by looking for the scripted recipient
addresses in it; it is a warning if its Subject matches the regex, else final.
Files already collected (same bytes) are skipped; a later notice for the same
scenario+kind is saved with a -2, -3 suffix.
Metadata goes to out/<server>/meta.json (used by make_truth.py).
"""
import email, email.policy, hashlib, json, os, re, sys, mailbox

server, src, warn_re = sys.argv[1], sys.argv[2], re.compile(sys.argv[3], re.I)
OUT = "/work/mta-lab/out/" + server
os.makedirs(OUT, exist_ok=True)
meta_path = OUT + "/meta.json"
meta = json.load(open(meta_path)) if os.path.exists(meta_path) else {}
seen = {m["sha1"] for m in meta.values()}

SC = []
for line in open("/work/mta-lab/scripts/scenarios.tsv"):
    if line.startswith("#") or not line.strip():
        continue
    num, sc, rcpts, port, temp = line.rstrip("\n").split("\t")
    SC.append((sc, rcpts.split(","), temp == "yes"))


def raw_messages():
    if os.path.isdir(src):
        for sub in ("new", "cur"):
            d = os.path.join(src, sub)
            for f in sorted(os.listdir(d), key=lambda f: os.path.getmtime(os.path.join(d, f))):
                yield open(os.path.join(d, f), "rb").read()
    else:  # mbox: strip the From_ separator line, undo >From quoting is NOT done
        for key, msg in mailbox.mbox(src).items():
            yield msg.as_bytes(unixfrom=False)


def decoded_subject(raw):
    m = email.message_from_bytes(raw, policy=email.policy.default)
    return str(m.get("Subject", ""))


for raw in raw_messages():
    h = hashlib.sha1(raw).hexdigest()
    if h in seen:
        continue
    text = raw.decode("latin-1")
    subj = decoded_subject(raw)
    # scenario: the one whose recipient local parts appear (preceded by a non-address char)
    found = None
    for sc, rcpts, temp in SC:
        if all(re.search(r"(?<![\w.+-])" + re.escape(r.split("@")[0]) + "@", text) for r in rcpts):
            found = (sc, rcpts, temp)
            break
    if not found:
        m = re.search(r"fixture \S+ (\S+)", text)
        if m:
            found = next((x for x in SC if x[0] == m.group(1)), None)
    if not found:
        print("UNMATCHED", h, subj)
        continue
    sc, rcpts, temp = found
    kind = "warning" if warn_re.search(subj) else "final"
    base = "%s-%s" % (sc, kind)
    name, n = base + ".eml", 1
    while name in meta:
        n += 1
        name = "%s-%d.eml" % (base, n)
    open(os.path.join(OUT, name), "wb").write(raw)
    meta[name] = {"scenario": sc, "kind": kind, "recipients": rcpts, "sha1": h, "subject": subj}
    seen.add(h)
    print("saved", name, "|", subj)

json.dump(meta, open(meta_path, "w"), indent=1)
