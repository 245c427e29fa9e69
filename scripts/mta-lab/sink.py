#!/usr/bin/env python3
"""Scripted SMTP sink for bounce fixtures.

Listens on 127.0.0.1 only (run inside a loopback-only network namespace).
The reply is chosen by the recipient's local part (see SCENARIOS).
Port 2527 answers the greeting with 554 (refused-at-connect).
Extra ports (2531..2536) behave exactly like 2526; they exist only so each
temporary-failure scenario is a separate "destination" for the MTA's
connection/throttle cache and does not contaminate the other scenarios.
Every session is logged to the transcript file given as argv[1].
"""
import asyncio, sys, time

LOG = open(sys.argv[1] if len(sys.argv) > 1 else "/work/mta-lab/sink.log", "a", buffering=1)
HOST = "127.0.0.1"
NORMAL_PORTS = [2526, 2531, 2532, 2533, 2534, 2535, 2536]
REFUSE_PORT = 2527

# local part -> (stage, reply, close_after)   stage: 'rcpt' or 'data'
# "{rcpt}" is replaced by the actual recipient address.
SCENARIOS = {
    "user-unknown": ("rcpt", "550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table", False),
    "user-unknown-nocode": ("rcpt", "550 No such user here", False),
    "mailbox-disabled": ("rcpt", "550 5.2.1 The email account that you tried to reach is disabled", False),
    "relay-denied": ("rcpt", "550 5.7.1 <{rcpt}>: Relay access denied", False),
    "ip-blocklisted": ("rcpt", "550 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org", False),
    "dmarc": ("data", "550 5.7.26 This mail is unauthenticated, which poses a security risk to the sender and Gmail users, and has been blocked. The sender must authenticate with at least one of SPF or DKIM.", False),
    "mailbox-full": ("rcpt", "452 4.2.2 The email account that you tried to reach is over quota", False),
    "mailbox-full-permanent": ("rcpt", "552 5.2.2 Mailbox full", False),
    "rate-limited": ("rcpt", "421 4.7.0 Try again later, closing connection.", True),
    "greylisted": ("rcpt", "451 4.7.1 Greylisted, please try again in 300 seconds", False),
    "server-busy": ("rcpt", "421 4.4.5 Server too busy", True),
    "ip-temp-blocked": ("rcpt", "421 4.7.0 [127.0.0.1] Our system has detected an unusual rate of unsolicited mail originating from your IP address. To protect our users from spam, mail sent from your IP address has been temporarily blocked.", True),
    "too-large": ("data", "552 5.3.4 Message size exceeds fixed maximum message size", False),
    "spam-content": ("data", "554 5.7.1 Message rejected because it contains spam", False),
    "greylisted-other-words": ("rcpt", "450 4.2.0 <{rcpt}>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/dest.example.html", False),
    # scenario 17: two recipients in one message
    "multi-unknown": ("rcpt", "550 5.1.1 <{rcpt}>: Recipient address rejected: User unknown in virtual mailbox table", False),
    "multi-full": ("rcpt", "552 5.2.2 Mailbox full", False),
}

def log(peer, port, direction, line):
    LOG.write("%s %s:%s %s %s\n" % (time.strftime("%H:%M:%S"), peer, port, direction, line))

def addr_of(arg):
    a = arg.split(":", 1)[1].strip() if ":" in arg else arg
    if a.startswith("<"):
        a = a[1:a.find(">")] if ">" in a else a[1:]
    return a

async def handle(reader, writer, port):
    peer = writer.get_extra_info("peername")
    peer = "%s:%s" % peer[:2] if peer else "?"

    async def send(line):
        log(peer, port, "S:", line)
        writer.write((line + "\r\n").encode())
        await writer.drain()

    try:
        if port == REFUSE_PORT:
            await send("554 5.7.1 Connection refused")
            # keep reading until client quits (a real server would accept QUIT)
            while True:
                line = await asyncio.wait_for(reader.readline(), 30)
                if not line:
                    break
                cmd = line.decode("latin-1").rstrip("\r\n")
                log(peer, port, "C:", cmd)
                if cmd.upper().startswith("QUIT"):
                    await send("221 2.0.0 Bye")
                    break
                await send("503 5.5.1 Bad sequence of commands")
            return
        await send("220 mx.dest.example ESMTP sink")
        rcpts = []
        while True:
            line = await asyncio.wait_for(reader.readline(), 120)
            if not line:
                break
            cmd = line.decode("latin-1").rstrip("\r\n")
            log(peer, port, "C:", cmd)
            verb = cmd[:4].upper()
            if verb == "EHLO":
                await send("250-mx.dest.example\r\n250-PIPELINING\r\n250-SIZE 52428800\r\n250-8BITMIME\r\n250 ENHANCEDSTATUSCODES")
            elif verb == "HELO":
                await send("250 mx.dest.example")
            elif verb == "MAIL":
                rcpts = []
                await send("250 2.1.0 Ok")
            elif verb == "RCPT":
                rcpt = addr_of(cmd[4:])
                local = rcpt.rsplit("@", 1)[0].lower()
                sc = SCENARIOS.get(local)
                if sc and sc[0] == "rcpt":
                    await send(sc[1].replace("{rcpt}", rcpt))
                    if sc[2]:
                        break
                else:
                    rcpts.append(rcpt)
                    await send("250 2.1.5 Ok")
            elif verb == "DATA":
                if not rcpts:
                    await send("554 5.5.1 Error: no valid recipients")
                    continue
                await send("354 End data with <CR><LF>.<CR><LF>")
                size = 0
                while True:
                    d = await asyncio.wait_for(reader.readline(), 120)
                    if not d:
                        return
                    if d in (b".\r\n", b".\n"):
                        break
                    size += len(d)
                log(peer, port, "C:", "<%d bytes of message data>" % size)
                reply = "250 2.0.0 Ok: queued as SINK%d" % int(time.time() * 1000)
                for r in rcpts:
                    sc = SCENARIOS.get(r.rsplit("@", 1)[0].lower())
                    if sc and sc[0] == "data":
                        reply = sc[1].replace("{rcpt}", r)
                        break
                await send(reply)
                rcpts = []
            elif verb == "RSET":
                rcpts = []
                await send("250 2.0.0 Ok")
            elif verb == "NOOP":
                await send("250 2.0.0 Ok")
            elif verb == "QUIT":
                await send("221 2.0.0 Bye")
                break
            else:
                await send("502 5.5.2 Error: command not recognized")
    except Exception as e:  # timeouts, resets
        log(peer, port, "!!", repr(e))
    finally:
        log(peer, port, "--", "close")
        try:
            writer.close()
        except Exception:
            pass

async def main():
    servers = []
    for p in NORMAL_PORTS + [REFUSE_PORT]:
        servers.append(await asyncio.start_server(lambda r, w, p=p: handle(r, w, p), HOST, p))
    LOG.write("sink listening on %s ports %s\n" % (HOST, NORMAL_PORTS + [REFUSE_PORT]))
    await asyncio.gather(*(s.serve_forever() for s in servers))

asyncio.run(main())
