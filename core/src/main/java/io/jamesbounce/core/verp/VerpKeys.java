package io.jamesbounce.core.verp;

import java.util.Objects;
import java.util.Optional;

/**
 * The keys in force: the current one signs, and during a rotation the previous one still verifies
 * the return paths it signed. Rotate by making the current key previous and adding a new current one
 * with another id; drop the previous key once the longest validity has passed since the rotation.
 */
public record VerpKeys(VerpKey current, Optional<VerpKey> previous) {
    public VerpKeys {
        Objects.requireNonNull(current, "current");
        Objects.requireNonNull(previous, "previous");
        if (previous.filter(p -> p.id() == current.id()).isPresent()) {
            throw new IllegalArgumentException("the current and previous keys need different ids, both are '" + current.id() + "'");
        }
    }

    public static VerpKeys of(VerpKey current) {
        return new VerpKeys(current, Optional.empty());
    }

    public static VerpKeys rotating(VerpKey current, VerpKey previous) {
        return new VerpKeys(current, Optional.of(previous));
    }

    /** The key with this id, if it is in force: one comparison per key, at most two. */
    public Optional<VerpKey> byId(char id) {
        char l = Character.toLowerCase(id);
        if (current.id() == l) {
            return Optional.of(current);
        }
        return previous.filter(p -> p.id() == l);
    }
}
