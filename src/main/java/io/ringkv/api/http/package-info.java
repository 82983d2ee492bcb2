/**
 * The HTTP client API (DESIGN.md Part B): {@link io.ringkv.api.http.HttpApi} builds the router,
 * {@link io.ringkv.api.http.HttpApiVerticle} serves it. A thin shell: it owns HTTP syntax (paths,
 * query integers, the base64url context header, the body limit, Accept, multipart) and hands one
 * command to the node's ports, which own every rule shared with the gRPC API.
 *
 * <p>Choices the contract leaves open, made here:
 *
 * <ul>
 *   <li>Keys are percent-decoded once, straight to bytes: {@code %2F} is a slash inside the key,
 *       and {@code %FF} is the byte 0xFF (so keys written over gRPC that are not UTF-8 can be
 *       addressed). Bucket names must decode to UTF-8. A malformed escape is a 400.
 *   <li>{@code r} and {@code w} given in a query must be at least 1 (absent means the bucket's
 *       default, which gRPC spells 0); {@code pw} may be 0. Their upper bound, n, is the
 *       coordinator's to check.
 *   <li>{@code Accept: application/json} is honoured when JSON is the client's first preference.
 *   <li>A path Vert.x normalizes away cannot be addressed: an empty bucket ({@code /buckets//…}
 *       collapses to a path no route takes, so 404) and the keys {@code .} and {@code ..}.
 *   <li>Requests the HTTP codec rejects get the JSON error shape too (400, 414, 431), except an
 *       unknown HTTP version, which Vert.x answers by itself (501, no body).
 * </ul>
 */
package io.ringkv.api.http;
