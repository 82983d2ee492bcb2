package io.ringkv.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.global;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.header;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Dynamo paper's shopping cart: each virtual user reads a cart, adds an item with the context
 * it read (so concurrent users make siblings instead of losing items), and reads it back, spread
 * over every node. Bounded: a fixed arrival rate for a fixed time, then it stops.
 *
 * <p>Settings (system properties): {@code targets} (comma-separated base URLs, default the
 * {@code local} cluster), {@code usersPerSec} (default 50), {@code seconds} (default 30),
 * {@code carts} (default 1000).
 */
public class ShoppingCartSimulation extends Simulation {

  private static final List<String> TARGETS =
      Arrays.asList(
          System.getProperty("targets", "http://127.0.0.1:8081,http://127.0.0.1:8082,http://127.0.0.1:8083")
              .split(","));
  private static final double USERS_PER_SEC = Double.parseDouble(System.getProperty("usersPerSec", "50"));
  private static final int SECONDS = Integer.parseInt(System.getProperty("seconds", "30"));
  private static final int CARTS = Integer.parseInt(System.getProperty("carts", "1000"));

  private final HttpProtocolBuilder protocol =
      http.baseUrls(TARGETS).contentTypeHeader("application/json").shareConnections();

  private final ScenarioBuilder shopper =
      scenario("shopper")
          .exec(session -> session.set("cart", "cart-" + ThreadLocalRandom.current().nextInt(CARTS))
              .set("item", "item-" + ThreadLocalRandom.current().nextInt(100)))
          .exec(
              http("read cart")
                  .get("/buckets/carts/keys/#{cart}")
                  .check(status().in(200, 300, 404))
                  .check(header("X-Ringkv-Context").optional().saveAs("context")))
          .exec(
              http("add item")
                  .put("/buckets/carts/keys/#{cart}")
                  .header("X-Ringkv-Context", session -> session.getString("context") == null ? "" : session.getString("context"))
                  .body(StringBody("{\"items\":[\"#{item}\"]}"))
                  .check(status().is(204)))
          .exec(
              http("read it back")
                  .get("/buckets/carts/keys/#{cart}")
                  .header("Accept", "application/json")
                  .check(status().in(200, 300)));

  {
    setUp(shopper.injectOpen(constantUsersPerSec(USERS_PER_SEC).during(Duration.ofSeconds(SECONDS))))
        .protocols(protocol)
        .maxDuration(Duration.ofSeconds(SECONDS + 60L))
        .assertions(global().failedRequests().count().is(0L));
  }
}
