package io.jamesbounce.core.model;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One recipient as a decoder read it, before classification. Everything is as reported; the
 * decoder may add a category hint when its mail server says the cause in its own words.
 */
public record DecodedRecipient(String recipient, Optional<String> originalRecipient, Optional<Action> action,
                               Optional<Sourced<EnhancedStatus>> status, Optional<Sourced<ReplyCode>> replyCode,
                               Optional<String> diagnostic, Optional<String> remoteMta,
                               Optional<String> lastAttempt, Optional<CategoryHint> hint,
                               Optional<SmtpCommand> command) {
    public DecodedRecipient {
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(originalRecipient, "originalRecipient");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(replyCode, "replyCode");
        Objects.requireNonNull(diagnostic, "diagnostic");
        Objects.requireNonNull(remoteMta, "remoteMta");
        Objects.requireNonNull(lastAttempt, "lastAttempt");
        Objects.requireNonNull(hint, "hint");
        Objects.requireNonNull(command, "command");
    }

    /**
     * A category a decoder knows from its mail server's own wording, with the rule id that says why,
     * and optionally the detail of the X.0.9xx status to infer when the notice gives none.
     */
    public record CategoryHint(Category category, String ruleId, OptionalInt inferredDetail) {
        public CategoryHint {
            Objects.requireNonNull(category, "category");
            Objects.requireNonNull(ruleId, "ruleId");
            Objects.requireNonNull(inferredDetail, "inferredDetail");
        }

        public CategoryHint(Category category, String ruleId) {
            this(category, ruleId, OptionalInt.empty());
        }
    }

    public static Builder builder(String recipient) {
        return new Builder(recipient);
    }

    public Builder toBuilder() {
        Builder b = new Builder(recipient);
        b.originalRecipient = originalRecipient;
        b.action = action;
        b.status = status;
        b.replyCode = replyCode;
        b.diagnostic = diagnostic;
        b.remoteMta = remoteMta;
        b.lastAttempt = lastAttempt;
        b.hint = hint;
        b.command = command;
        return b;
    }

    public static final class Builder {
        private String recipient;
        private Optional<String> originalRecipient = Optional.empty();
        private Optional<Action> action = Optional.empty();
        private Optional<Sourced<EnhancedStatus>> status = Optional.empty();
        private Optional<Sourced<ReplyCode>> replyCode = Optional.empty();
        private Optional<String> diagnostic = Optional.empty();
        private Optional<String> remoteMta = Optional.empty();
        private Optional<String> lastAttempt = Optional.empty();
        private Optional<CategoryHint> hint = Optional.empty();
        private Optional<SmtpCommand> command = Optional.empty();

        private Builder(String recipient) {
            this.recipient = recipient;
        }

        public Builder recipient(String value) {
            this.recipient = value;
            return this;
        }

        public Builder originalRecipient(String value) {
            this.originalRecipient = Optional.ofNullable(value);
            return this;
        }

        public Builder action(Action value) {
            this.action = Optional.ofNullable(value);
            return this;
        }

        public Builder action(Optional<Action> value) {
            this.action = value;
            return this;
        }

        public Builder status(EnhancedStatus value, CodeOrigin origin) {
            this.status = Optional.ofNullable(value).map(v -> new Sourced<>(v, origin));
            return this;
        }

        public Builder status(Optional<Sourced<EnhancedStatus>> value) {
            this.status = value;
            return this;
        }

        public Builder replyCode(ReplyCode value, CodeOrigin origin) {
            this.replyCode = Optional.ofNullable(value).map(v -> new Sourced<>(v, origin));
            return this;
        }

        public Builder replyCode(Optional<Sourced<ReplyCode>> value) {
            this.replyCode = value;
            return this;
        }

        public Builder diagnostic(String value) {
            this.diagnostic = Optional.ofNullable(value).map(String::strip).filter(s -> !s.isEmpty());
            return this;
        }

        public Builder remoteMta(String value) {
            this.remoteMta = Optional.ofNullable(value).filter(s -> !s.isBlank());
            return this;
        }

        public Builder lastAttempt(String value) {
            this.lastAttempt = Optional.ofNullable(value).filter(s -> !s.isBlank());
            return this;
        }

        public Builder hint(Category category, String ruleId) {
            this.hint = Optional.of(new CategoryHint(category, ruleId));
            return this;
        }

        public Builder hint(Category category, String ruleId, int inferredDetail) {
            this.hint = Optional.of(new CategoryHint(category, ruleId, OptionalInt.of(inferredDetail)));
            return this;
        }

        public Builder hint(Optional<CategoryHint> value) {
            this.hint = value;
            return this;
        }

        /** The SMTP command the receiver refused, when the notice says. */
        public Builder command(SmtpCommand value) {
            this.command = Optional.ofNullable(value);
            return this;
        }

        public Builder command(Optional<SmtpCommand> value) {
            this.command = value;
            return this;
        }

        public boolean hasCommand() {
            return command.isPresent();
        }

        public DecodedRecipient build() {
            return new DecodedRecipient(recipient, originalRecipient, action, status, replyCode, diagnostic, remoteMta, lastAttempt, hint,
                command);
        }
    }
}
