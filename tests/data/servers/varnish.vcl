vcl 4.1;
# A cache in front of the origin on @BACKEND@. PURGE is only for addresses in the purgers ACL,
# which the tests are not in: Varnish answers it itself with its synthetic 405.
backend origin { .host = "127.0.0.1"; .port = "@BACKEND@"; }
acl purgers { "192.0.2.1"; }
sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed."));
        }
        return (purge);
    }
}
