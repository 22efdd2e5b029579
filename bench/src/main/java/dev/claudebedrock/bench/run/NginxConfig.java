package dev.claudebedrock.bench.run;

import java.nio.file.Path;
import java.util.Map;

/**
 * The baseline reverse proxy's configuration: one server per simulator, forwarding as-is over kept-alive HTTP/1.1
 * connections, without buffering in either direction (streams pass frame by frame), no access log.
 */
final class NginxConfig {
  private NginxConfig() {}

  /** The configuration text; {@code simulatorPortByListenPort} pairs each listening port with its simulator. */
  static String render(Path directory, Map<Integer, Integer> simulatorPortByListenPort) {
    StringBuilder servers = new StringBuilder();
    simulatorPortByListenPort.forEach((listen, simulator) -> servers.append("""
          upstream simulator_%2$d {
            server 127.0.0.1:%2$d;
            keepalive 256;
            keepalive_requests 1000000;
          }
          server {
            listen 127.0.0.1:%1$d;
            location / {
              proxy_pass http://simulator_%2$d;
              proxy_http_version 1.1;
              proxy_set_header Connection "";
              proxy_buffering off;
              proxy_request_buffering off;
              proxy_read_timeout 300s;
            }
          }
        """.formatted(listen, simulator)));
    return """
        worker_processes auto;
        worker_rlimit_nofile 16384;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log warn;
        events {
          worker_connections 8192;
        }
        http {
          access_log off;
          tcp_nodelay on;
          keepalive_timeout 120s;
          keepalive_requests 1000000;
          client_max_body_size 64m;
          client_body_temp_path %1$s/client_body;
          proxy_temp_path %1$s/proxy;
          fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi;
          scgi_temp_path %1$s/scgi;
        %2$s}
        """.formatted(directory, servers);
  }
}
