package dev.openpsi.security;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;

/** Turns every error of a REST call into RFC 9457 {@code application/problem+json}. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return respond(e.problem(), uri);
    }

    @ServerExceptionMapper
    public Response invalidInput(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(field(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).reason()
                : errors.size() + " fields are invalid";
        return respond(Problem.validation(detail, errors), uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException m ? jsonPath(m) : "";
        String reason = e.getOriginalMessage();
        if (field.isEmpty()) {
            return respond(Problem.validation("the request body is not valid JSON: " + reason, List.of()), uri);
        }
        return respond(Problem.validation(field + ": " + reason, List.of(new Problem.FieldError(field, reason))), uri);
    }

    /** A role check refused the caller (the token was valid): 403 as a problem, like every other error. */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(403, "Forbidden", "your roles do not allow this operation"), uri);
    }

    /**
     * A JSON value of the wrong type ({@code "port": "five thousand"}): Quarkus REST has its own,
     * more specific mapper for it that answers plain JSON; this one names the field as a problem.
     */
    @ServerExceptionMapper
    public Response mismatchedInput(com.fasterxml.jackson.databind.exc.MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return respond(Problem.of(status.getStatusCode(), status.getReasonPhrase(), e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        LOG.error("unexpected error on " + uri.getPath(), e);
        return respond(Problem.of(500, "Internal Server Error", "the request failed; see the service log"), uri);
    }

    private static Response respond(Problem problem, UriInfo uri) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem.withInstance(uri == null ? null : uri.getPath()))
                .build();
    }

    /** The bean path without the method and parameter nodes: {@code create.request.email} becomes {@code email}. */
    static String field(Path path) {
        List<String> names = new ArrayList<>();
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, PARAMETER, RETURN_VALUE, CROSS_PARAMETER -> names.clear();
                default -> {
                    String name = node.getName();
                    if (node.getIndex() != null) {
                        names.add((name == null ? "" : name) + "[" + node.getIndex() + "]");
                    } else if (name != null) {
                        names.add(name);
                    }
                }
            }
        }
        if (names.isEmpty()) {
            // a violated parameter itself (e.g. a @PathParam): name the parameter
            for (Path.Node node : path) {
                if (node.getKind() == jakarta.validation.ElementKind.PARAMETER) {
                    return node.getName();
                }
            }
        }
        return String.join(".", names);
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
