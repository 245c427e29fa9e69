#!/bin/bash
# usage: inject.sh SERVER [scenario-filter-regex]   (run inside the netns)
# Injects one message per scenario with the MTA's /usr/sbin/sendmail, from sender@lab.example
SERVER=$1; FILTER=${2:-.}
grep -v '^#' /work/mta-lab/scripts/scenarios.tsv | while IFS=$'\t' read num sc rcpts port temp; do
  echo "$sc" | grep -Eq "$FILTER" || continue
  to=$(echo "$rcpts" | sed 's/,/, /g')
  {
    printf 'From: Lab Sender <sender@lab.example>\n'
    printf 'To: %s\n' "$to"
    printf 'Subject: fixture %s %s\n' "$SERVER" "$sc"
    printf 'Date: %s\n' "$(date -R)"
    printf 'Message-ID: <%s.%s.%s@lab.example>\n' "$sc" "$SERVER" "$(date +%s%N)"
    printf 'MIME-Version: 1.0\nContent-Type: text/plain; charset=us-ascii\n\n'
    printf 'Test message for scenario %s (%s).\n' "$sc" "$SERVER"
  } | /usr/sbin/sendmail $SENDMAIL_OPTS -f sender@lab.example -- $(echo "$rcpts" | tr ',' ' ')
  echo "injected $sc -> $rcpts"
done
