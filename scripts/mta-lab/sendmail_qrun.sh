#!/bin/bash
# Run one sendmail queue run per temporary-failure recipient (separate processes, so a
# 421 seen for one message does not mark the host down for the others). Run inside the netns.
for r in mailbox-full rate-limited greylisted server-busy ip-temp-blocked greylisted-other-words; do
  /usr/sbin/sendmail -Am -qR"$r@dest.example"
done
