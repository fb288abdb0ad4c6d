vcl 4.1;
# A cache that hides itself, as many do in production: its own Server name, no Via, no X-Varnish.
backend origin { .host = "127.0.0.1"; .port = "@BACKEND@"; }
sub vcl_deliver {
    set resp.http.Server = "edge-cache";
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    unset resp.http.Age;
}
