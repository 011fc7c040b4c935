package dev.openpsi.sbcadapter.rest;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import dev.openpsi.security.ProblemMappers;

/**
 * A JSON value of the wrong type (e.g. {@code "port": "five thousand"}) answered as the RFC 9457
 * problem naming the field, like every other invalid input. Quarkus REST's built-in mapper for
 * {@link MismatchedInputException} is more specific than libs/security's
 * {@code JsonProcessingException} mapper and would answer plain JSON. Stop-gap: remove once
 * {@link ProblemMappers} maps {@link MismatchedInputException} itself.
 */
public class JsonInputProblems {

    private final ProblemMappers problems = new ProblemMappers();

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return problems.unreadableJson(e, uri);
    }
}
