package dev.openpsi.cloudlinkdaemon.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.openpsi.security.Problem;
import dev.openpsi.security.ProblemException;

/**
 * Checks a whole settings document and names every offending field at once (RFC 9457 problem,
 * {@code errors[].field}); nothing is written unless all of it is valid.
 */
final class SettingsValidator {

    /** ITU-T E.164: a country code and at most 15 digits in all. */
    static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{1,14}");
    /** The usual dialable access codes, e.g. *72 / #72. */
    static final Pattern FEATURE_CODE = Pattern.compile("[*#][0-9]{1,6}");
    static final Pattern EMERGENCY_NUMBER = Pattern.compile("[0-9]{2,15}");
    /** RFC 9110 section 5.6.2: a field name is a token. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** RFC 9110 section 5.5: visible ASCII, space and tab; never CR/LF (header injection). */
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\t\\x20-\\x7E]*");

    static final int MAX_EMERGENCY_NUMBERS = 20;
    static final int MAX_HEADERS = 20;
    static final int MAX_TEXT = 200;
    static final int MAX_CUSTOMER_ID = 256;
    static final int MAX_SECRET = 4096;
    static final int MAX_URL = 2048;
    static final int MAX_HEADER_VALUE = 1024;

    private final List<Problem.FieldError> errors = new ArrayList<>();

    private SettingsValidator() {
    }

    /** The valid settings of {@code request}, or a 400 problem naming every invalid field. */
    static Settings validate(SettingsRequest request) {
        SettingsValidator v = new SettingsValidator();
        Settings settings = new Settings(v.pilot(request.voicemailPilot()), v.featureCodes(request.featureCodes()),
                v.emergencyNumbers(request.emergencyNumbers()), v.provider(request.locationProvider()));
        if (!v.errors.isEmpty()) {
            throw invalid(v.errors);
        }
        return settings;
    }

    static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).reason()
                : errors.size() + " fields are invalid";
        return new ProblemException(Problem.validation(detail, errors));
    }

    private void error(String field, String reason) {
        errors.add(new Problem.FieldError(field, reason));
    }

    private String pilot(String value) {
        if (value != null && !E164.matcher(value).matches()) {
            error("voicemailPilot", "must be an E.164 number: + and up to 15 digits, e.g. +4989700799999");
        }
        return value;
    }

    private Map<Feature, String> featureCodes(Map<String, String> codes) {
        if (codes == null) {
            return null;
        }
        Map<Feature, String> valid = new EnumMap<>(Feature.class);
        Map<String, Feature> seen = new HashMap<>();
        for (Map.Entry<String, String> e : new TreeMap<>(codes).entrySet()) {
            if (Feature.byKey(e.getKey()).isEmpty()) {
                error("featureCodes." + e.getKey(), "is not a feature; the features are " + featureKeys());
            }
        }
        for (Feature feature : Feature.values()) {
            String field = "featureCodes." + feature.key();
            String code = codes.get(feature.key());
            if (code == null) {
                error(field, "is required");
            } else if (!FEATURE_CODE.matcher(code).matches()) {
                error(field, "must be * or # followed by 1 to 6 digits, e.g. *72");
            } else if (seen.containsKey(code)) {
                error(field, "the code " + code + " is already the code of featureCodes." + seen.get(code).key());
            } else {
                seen.put(code, feature);
                valid.put(feature, code);
            }
        }
        return valid;
    }

    private static String featureKeys() {
        return String.join(", ", java.util.Arrays.stream(Feature.values()).map(Feature::key).toList());
    }

    private List<String> emergencyNumbers(List<String> numbers) {
        if (numbers == null) {
            return null;
        }
        if (numbers.isEmpty() || numbers.size() > MAX_EMERGENCY_NUMBERS) {
            error("emergencyNumbers", "must hold 1 to " + MAX_EMERGENCY_NUMBERS + " numbers");
        }
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < numbers.size(); i++) {
            String number = numbers.get(i);
            String field = "emergencyNumbers[" + i + "]";
            if (number == null || !EMERGENCY_NUMBER.matcher(number).matches()) {
                error(field, "must be 2 to 15 digits, e.g. 911");
            } else if (valid.contains(number)) {
                error(field, "duplicates emergencyNumbers[" + numbers.indexOf(number) + "]");
            } else {
                valid.add(number);
            }
        }
        return valid;
    }

    private Settings.Provider provider(SettingsRequest.LocationProvider p) {
        if (p == null) {
            return null;
        }
        String name = text("locationProvider.name", p.name(), MAX_TEXT);
        String type = text("locationProvider.type", p.type(), MAX_TEXT);
        String primary = url("locationProvider.primaryServer", p.primaryServer(), true);
        String secondary = url("locationProvider.secondaryServer", p.secondaryServer(), false);
        if (primary != null && primary.equals(secondary)) {
            error("locationProvider.secondaryServer", "must differ from the primary server");
        }
        String customerId = text("locationProvider.customerId", p.customerId(), MAX_CUSTOMER_ID);
        if (p.secret() != null && (p.secret().isBlank() || p.secret().length() > MAX_SECRET)) {
            // the reason never repeats the value
            error("locationProvider.secret", "must not be blank and at most " + MAX_SECRET + " characters; omit it to keep the stored one");
        }
        return new Settings.Provider(name, type, primary, secondary, customerId, p.secret(), headers(p.extraHeaders()));
    }

    private String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            error(field, "is required");
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            error(field, "must be at most " + max + " characters");
        }
        return stripped;
    }

    private String url(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                error(field, "is required");
            }
            return null;
        }
        String trimmed = value.strip();
        String reason = null;
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http")) {
                reason = "must be an absolute http or https URL";
            } else if (uri.getHost() == null || uri.getHost().isEmpty()) {
                reason = "must name a host";
            } else if (uri.getRawUserInfo() != null) {
                reason = "must not carry credentials; use secret or extraHeaders";
            } else if (uri.getRawFragment() != null) {
                reason = "must not have a fragment";
            } else if (trimmed.length() > MAX_URL) {
                reason = "must be at most " + MAX_URL + " characters";
            }
        } catch (URISyntaxException e) {
            reason = "is not a valid URL";
        }
        if (reason != null) {
            error(field, reason);
        }
        return trimmed;
    }

    private Map<String, String> headers(Map<String, Object> headers) {
        if (headers == null) {
            return null;
        }
        if (headers.size() > MAX_HEADERS) {
            error("locationProvider.extraHeaders", "must hold at most " + MAX_HEADERS + " headers");
        }
        Map<String, String> valid = new LinkedHashMap<>();
        Map<String, String> lowerNames = new HashMap<>();
        for (Map.Entry<String, Object> e : new TreeMap<>(headers).entrySet()) {
            String field = "locationProvider.extraHeaders." + e.getKey();
            if (!HEADER_NAME.matcher(e.getKey()).matches()) {
                error(field, "is not an HTTP header name");
            } else if (!(e.getValue() instanceof String value)) {
                error(field, "must be a string");
            } else if (value.length() > MAX_HEADER_VALUE || !HEADER_VALUE.matcher(value).matches()) {
                error(field, "must be at most " + MAX_HEADER_VALUE + " visible ASCII characters, spaces or tabs");
            } else if (lowerNames.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getKey()) != null) {
                error(field, "names the same header as locationProvider.extraHeaders."
                        + lowerNames.get(e.getKey().toLowerCase(Locale.ROOT)));
            } else {
                valid.put(e.getKey(), value);
            }
        }
        return valid;
    }
}
