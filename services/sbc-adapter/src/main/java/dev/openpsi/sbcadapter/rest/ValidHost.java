package dev.openpsi.sbcadapter.rest;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import dev.openpsi.sbcadapter.SbcHost;

/** An IPv4 address, an IPv6 address or an FQDN, nothing around it ({@link SbcHost}); null is left to {@code @NotNull}. */
@Documented
@Constraint(validatedBy = ValidHost.Validator.class)
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT})
@Retention(RUNTIME)
public @interface ValidHost {

    String message() default "must be an IPv4 address, an IPv6 address or a fully qualified domain name,"
            + " without scheme, port or path";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<ValidHost, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || SbcHost.isValid(value);
        }
    }
}
