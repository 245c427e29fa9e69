package io.jamesbounce.core.model;

/** Every message is exactly one of these. */
public enum ReportKind {
    BOUNCE("bounce"),
    FEEDBACK("feedback"),
    AUTO_REPLY("auto-reply"),
    NOT_A_REPORT("not-bounce"),
    UNPARSEABLE("unparseable");

    private final String label;

    ReportKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
