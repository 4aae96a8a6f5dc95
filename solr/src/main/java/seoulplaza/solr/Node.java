package seoulplaza.solr;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;

/**
 * One real Solr node on 127.0.0.1, started the way Solr's own tests start theirs: a {@link
 * JettySolrRunner} (Jetty + SolrDispatchFilter + CoreContainer) over a Solr home directory.
 *
 * <pre>
 * Node --port 8983 --home DIR --core ckan --conf config/solr      standalone, with the core
 * Node --port 8985 --home DIR --zk 127.0.0.1:9983                 a SolrCloud node
 * </pre>
 *
 * <p>Standalone: the home gets a solr.xml and the core directory {@code <home>/<core>} with
 * {@code core.properties}; the configset ({@code --conf}) is copied into {@code <core>/conf} at every
 * start, so a changed schema is what the core loads, while the index ({@code <core>/data}) stays.
 * Cloud: the node joins the ZooKeeper ensemble {@code --zk}; collections come from the Collections
 * API (bin/solr). Runs until SIGTERM/SIGINT, then shuts Solr down cleanly (cores closed, index
 * committed). Exits 1 with a message naming the problem when an argument is missing or the node does
 * not start (port taken, configset unreadable).
 */
public final class Node {
  private Node() {}

  /** solr.xml of a standalone node. */
  static final String STANDALONE_SOLR_XML =
      "<solr>\n"
          + "  <str name=\"coreRootDirectory\">${coreRootDirectory:.}</str>\n"
          + "  <int name=\"maxBooleanClauses\">${solr.max.booleanClauses:1024}</int>\n"
          + "</solr>\n";

  /** solr.xml of a SolrCloud node: its own address as other nodes and ZooKeeper know it. */
  static final String CLOUD_SOLR_XML =
      "<solr>\n"
          + "  <str name=\"coreRootDirectory\">${coreRootDirectory:.}</str>\n"
          + "  <int name=\"maxBooleanClauses\">${solr.max.booleanClauses:1024}</int>\n"
          + "  <shardHandlerFactory name=\"shardHandlerFactory\" class=\"HttpShardHandlerFactory\">\n"
          + "    <int name=\"socketTimeout\">${socketTimeout:60000}</int>\n"
          + "    <int name=\"connTimeout\">${connTimeout:5000}</int>\n"
          + "  </shardHandlerFactory>\n"
          + "  <solrcloud>\n"
          + "    <str name=\"host\">127.0.0.1</str>\n"
          + "    <int name=\"hostPort\">${hostPort:8983}</int>\n"
          + "    <str name=\"hostContext\">${hostContext:solr}</str>\n"
          + "    <int name=\"zkClientTimeout\">${solr.zkclienttimeout:30000}</int>\n"
          + "    <bool name=\"genericCoreNodeNames\">true</bool>\n"
          + "    <int name=\"leaderVoteWait\">${leaderVoteWait:10000}</int>\n"
          + "  </solrcloud>\n"
          + "</solr>\n";

  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    int port = Integer.parseInt(required(options, "port"));
    Path home = Path.of(required(options, "home")).toAbsolutePath();
    String zk = options.get("zk");
    Files.createDirectories(home);
    Properties nodeProperties = new Properties();
    if (zk != null) {
      write(home.resolve("solr.xml"), CLOUD_SOLR_XML);
      nodeProperties.setProperty("zkHost", zk);
    } else {
      write(home.resolve("solr.xml"), STANDALONE_SOLR_XML);
      prepareCore(home, required(options, "core"), Path.of(required(options, "conf")));
    }
    JettySolrRunner solr =
        new JettySolrRunner(
            home.toString(),
            nodeProperties,
            JettyConfig.builder().setPort(port).setContext("/solr").stopAtShutdown(false).build());
    try {
      solr.start();
    } catch (Exception e) {
      fail("Solr did not start on 127.0.0.1:" + port + ": " + e);
    }
    if (!solr.isRunning()) fail("Solr did not start on 127.0.0.1:" + port);
    System.out.println("Solr " + org.apache.solr.client.api.util.SolrVersion.LATEST_STRING + " listening on " + solr.getBaseUrl());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    solr.stop();
                  } catch (Exception e) {
                    System.err.println("while stopping Solr: " + e);
                  }
                  stopped.countDown();
                }));
    stopped.await();
  }

  /** The core directory with core.properties and a fresh copy of the configset in conf/. */
  static void prepareCore(Path home, String core, Path conf) throws IOException {
    if (!Files.isRegularFile(conf.resolve("solrconfig.xml"))) {
      fail("no solrconfig.xml in the configset " + conf.toAbsolutePath());
    }
    Path coreDir = home.resolve(core);
    Path target = coreDir.resolve("conf");
    if (Files.exists(target)) {
      try (Stream<Path> old = Files.walk(target)) {
        for (Path p : (Iterable<Path>) old.sorted(Comparator.reverseOrder())::iterator) Files.delete(p);
      }
    }
    try (Stream<Path> files = Files.walk(conf)) {
      for (Path source : (Iterable<Path>) files::iterator) {
        Path dest = target.resolve(conf.relativize(source).toString());
        if (Files.isDirectory(source)) Files.createDirectories(dest);
        else if (!source.getFileName().toString().endsWith(".md"))
          Files.copy(source, dest, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    write(coreDir.resolve("core.properties"), "name=" + core + "\n");
  }

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 == args.length) fail("bad argument: " + args[i]);
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) fail("missing --" + name);
    return value;
  }

  static void fail(String message) {
    System.err.println("seoulplaza-solr: " + message);
    System.exit(1);
  }
}
