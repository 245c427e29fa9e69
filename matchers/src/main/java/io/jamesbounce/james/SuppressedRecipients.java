package io.jamesbounce.james;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.james.core.MailAddress;

import io.jamesbounce.core.policy.AddressKey;
import io.jamesbounce.core.policy.LocalPartMatching;
import io.jamesbounce.store.CachingSuppressionLookup;

/**
 * The outbound question, asked with James' types: which of these recipients are suppressed. One
 * batch lookup per mail through {@link CachingSuppressionLookup}; an address the store cannot key
 * (not a mailbox) is never suppressed.
 */
@Singleton
public class SuppressedRecipients {
    private final CachingSuppressionLookup lookup;
    private final LocalPartMatching matching;

    @Inject
    public SuppressedRecipients(CachingSuppressionLookup lookup, LocalPartMatching matching) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.matching = Objects.requireNonNull(matching, "matching");
    }

    /** The suppressed recipients among {@code recipients}, in their order. */
    public List<MailAddress> among(Collection<MailAddress> recipients) {
        Map<MailAddress, AddressKey> keys = new HashMap<>();
        for (MailAddress recipient : recipients) {
            keyOf(recipient).ifPresent(key -> keys.put(recipient, key));
        }
        if (keys.isEmpty()) {
            return List.of();
        }
        Set<AddressKey> suppressed = lookup.suppressedAmong(keys.values());
        List<MailAddress> result = new ArrayList<>();
        for (MailAddress recipient : recipients) {
            AddressKey key = keys.get(recipient);
            if (key != null && suppressed.contains(key)) {
                result.add(recipient);
            }
        }
        return List.copyOf(result);
    }

    /** Forgets a cached answer, so that a change this server just made is seen at once. */
    public void invalidate(AddressKey address) {
        lookup.invalidate(address);
    }

    public java.util.Optional<AddressKey> keyOf(MailAddress recipient) {
        try {
            return java.util.Optional.of(AddressKey.of(recipient.asString(), matching));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    public LocalPartMatching matching() {
        return matching;
    }
}
