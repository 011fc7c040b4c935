package dev.openpsi.osvadapter.rest;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import dev.openpsi.events.payload.telephony.ForwardingType;

/**
 * An enabled call forwarding needs a destination, except forwarding to voicemail (the PBX uses the
 * voicemail pilot number). The violation names {@code <type>.destination}.
 */
@Documented
@Constraint(validatedBy = DestinationsWhenEnabled.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface DestinationsWhenEnabled {

    String message() default "must be set when the forwarding is enabled";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<DestinationsWhenEnabled, ForwardingSettingsRequest> {

        @Override
        public boolean isValid(ForwardingSettingsRequest settings, ConstraintValidatorContext context) {
            if (settings == null) {
                return true;
            }
            boolean valid = true;
            for (ForwardingType type : ForwardingType.values()) {
                ForwardingRequest one = settings.get(type);
                if (type != ForwardingType.VOICEMAIL && one != null && Boolean.TRUE.equals(one.enabled())
                        && one.destination() == null) {
                    if (valid) {
                        context.disableDefaultConstraintViolation();
                    }
                    valid = false;
                    context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                            .addPropertyNode(type.value()).addPropertyNode("destination")
                            .addConstraintViolation();
                }
            }
            return valid;
        }
    }
}
