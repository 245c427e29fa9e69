package org.apache.james.transport.mailets;

import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;

/** Test stand-in for James' RecipientRewriteTable mailet: the test defines no mapping, so nothing to rewrite. */
public class RecipientRewriteTable extends GenericMailet {
    @Override
    public void service(Mail mail) {
    }
}
