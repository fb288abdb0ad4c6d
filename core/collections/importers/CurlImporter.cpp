// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/importers/CurlImporter.h"

#include "core/collections/importers/ImportHelpers.h"
#include "core/collections/importers/ShellWords.h"

#include <QFileInfo>
#include <QHash>
#include <QUrl>

namespace verbscope::collections {

namespace {
// What the importer does with an option; NotCarried ones are reported and skipped.
enum class Action {
    NotCarried,
    Output, // only changes what curl prints or writes: nothing to carry over
    Method,
    Header,
    Data,
    DataBinary,
    DataRaw,
    DataUrlencode,
    Json,
    Form,
    FormString,
    User,
    AuthScheme, // --digest, --ntlm…: not Basic, so -u cannot become an Authorization header
    Basic,
    Bearer,
    Url,
    UrlQuery,
    UserAgent,
    Referer,
    Cookie,
    Get,
    Head,
    Location,
    Insecure,
    Compressed,
    MaxTime,
    UploadFile,
    Next,
};

struct OptionSpec {
    char16_t shortName; // 0: none
    const char16_t *longName;
    bool takesArgument;
    Action action;
};

// Every option of curl 7.88.1's `curl --help all` (and its man page, for --proxy's and --preproxy's
// arguments), plus those curl 8.1 to 8.17 added. An option's argument is always consumed, carried
// over or not, so it never becomes a URL. Sorted by long name.
constexpr OptionSpec optionTable[] = {
    { 0, u"abstract-unix-socket", true, Action::NotCarried },
    { 0, u"alt-svc", true, Action::NotCarried },
    { 0, u"anyauth", false, Action::AuthScheme },
    { u'a', u"append", false, Action::NotCarried },
    { 0, u"aws-sigv4", true, Action::AuthScheme },
    { 0, u"basic", false, Action::Basic },
    { 0, u"ca-native", false, Action::NotCarried },
    { 0, u"cacert", true, Action::NotCarried },
    { 0, u"capath", true, Action::NotCarried },
    { u'E', u"cert", true, Action::NotCarried },
    { 0, u"cert-status", false, Action::NotCarried },
    { 0, u"cert-type", true, Action::NotCarried },
    { 0, u"ciphers", true, Action::NotCarried },
    { 0, u"compressed", false, Action::Compressed },
    { 0, u"compressed-ssh", false, Action::NotCarried },
    { u'K', u"config", true, Action::NotCarried },
    { 0, u"connect-timeout", true, Action::NotCarried },
    { 0, u"connect-to", true, Action::NotCarried },
    { u'C', u"continue-at", true, Action::NotCarried },
    { u'b', u"cookie", true, Action::Cookie },
    { u'c', u"cookie-jar", true, Action::NotCarried },
    { 0, u"create-dirs", false, Action::Output },
    { 0, u"create-file-mode", true, Action::Output },
    { 0, u"crlf", false, Action::NotCarried },
    { 0, u"crlfile", true, Action::NotCarried },
    { 0, u"curves", true, Action::NotCarried },
    { u'd', u"data", true, Action::Data },
    { 0, u"data-ascii", true, Action::Data },
    { 0, u"data-binary", true, Action::DataBinary },
    { 0, u"data-raw", true, Action::DataRaw },
    { 0, u"data-urlencode", true, Action::DataUrlencode },
    { 0, u"delegation", true, Action::NotCarried },
    { 0, u"digest", false, Action::AuthScheme },
    { u'q', u"disable", false, Action::Output },
    { 0, u"disable-eprt", false, Action::NotCarried },
    { 0, u"disable-epsv", false, Action::NotCarried },
    { 0, u"disallow-username-in-url", false, Action::NotCarried },
    { 0, u"dns-interface", true, Action::NotCarried },
    { 0, u"dns-ipv4-addr", true, Action::NotCarried },
    { 0, u"dns-ipv6-addr", true, Action::NotCarried },
    { 0, u"dns-servers", true, Action::NotCarried },
    { 0, u"doh-cert-status", false, Action::NotCarried },
    { 0, u"doh-insecure", false, Action::NotCarried },
    { 0, u"doh-url", true, Action::NotCarried },
    { 0, u"dump-ca-embed", false, Action::NotCarried },
    { u'D', u"dump-header", true, Action::Output },
    { 0, u"ech", true, Action::NotCarried },
    { 0, u"egd-file", true, Action::NotCarried },
    { 0, u"engine", true, Action::NotCarried },
    { 0, u"etag-compare", true, Action::NotCarried },
    { 0, u"etag-save", true, Action::NotCarried },
    { 0, u"expect100-timeout", true, Action::NotCarried },
    { u'f', u"fail", false, Action::Output },
    { 0, u"fail-early", false, Action::Output },
    { 0, u"fail-with-body", false, Action::Output },
    { 0, u"false-start", false, Action::NotCarried },
    { 0, u"follow", false, Action::Location },
    { u'F', u"form", true, Action::Form },
    { 0, u"form-escape", false, Action::NotCarried },
    { 0, u"form-string", true, Action::FormString },
    { 0, u"ftp-account", true, Action::NotCarried },
    { 0, u"ftp-alternative-to-user", true, Action::NotCarried },
    { 0, u"ftp-create-dirs", false, Action::NotCarried },
    { 0, u"ftp-method", true, Action::NotCarried },
    { 0, u"ftp-pasv", false, Action::NotCarried },
    { u'P', u"ftp-port", true, Action::NotCarried },
    { 0, u"ftp-pret", false, Action::NotCarried },
    { 0, u"ftp-skip-pasv-ip", false, Action::NotCarried },
    { 0, u"ftp-ssl-ccc", false, Action::NotCarried },
    { 0, u"ftp-ssl-ccc-mode", true, Action::NotCarried },
    { 0, u"ftp-ssl-control", false, Action::NotCarried },
    { u'G', u"get", false, Action::Get },
    { u'g', u"globoff", false, Action::Output },
    { 0, u"happy-eyeballs-timeout-ms", true, Action::NotCarried },
    { 0, u"haproxy-clientip", true, Action::NotCarried },
    { 0, u"haproxy-protocol", false, Action::NotCarried },
    { u'I', u"head", false, Action::Head },
    { u'H', u"header", true, Action::Header },
    { u'h', u"help", false, Action::NotCarried },
    { 0, u"hostpubmd5", true, Action::NotCarried },
    { 0, u"hostpubsha256", true, Action::NotCarried },
    { 0, u"hsts", true, Action::NotCarried },
    { 0, u"http0.9", false, Action::NotCarried },
    { u'0', u"http1.0", false, Action::NotCarried },
    { 0, u"http1.1", false, Action::Output },
    { 0, u"http2", false, Action::NotCarried },
    { 0, u"http2-prior-knowledge", false, Action::NotCarried },
    { 0, u"http3", false, Action::NotCarried },
    { 0, u"http3-only", false, Action::NotCarried },
    { 0, u"ignore-content-length", false, Action::NotCarried },
    { u'i', u"include", false, Action::Output },
    { u'k', u"insecure", false, Action::Insecure },
    { 0, u"interface", true, Action::NotCarried },
    { 0, u"ip-tos", true, Action::NotCarried },
    { 0, u"ipfs-gateway", true, Action::NotCarried },
    { u'4', u"ipv4", false, Action::Output },
    { u'6', u"ipv6", false, Action::Output },
    { 0, u"json", true, Action::Json },
    { u'j', u"junk-session-cookies", false, Action::NotCarried },
    { 0, u"keepalive-cnt", true, Action::NotCarried },
    { 0, u"keepalive-time", true, Action::NotCarried },
    { 0, u"key", true, Action::NotCarried },
    { 0, u"key-type", true, Action::NotCarried },
    { 0, u"knownhosts", true, Action::NotCarried },
    { 0, u"krb", true, Action::NotCarried },
    { 0, u"libcurl", true, Action::NotCarried },
    { 0, u"limit-rate", true, Action::NotCarried },
    { u'l', u"list-only", false, Action::NotCarried },
    { 0, u"local-port", true, Action::NotCarried },
    { u'L', u"location", false, Action::Location },
    { 0, u"location-trusted", false, Action::NotCarried },
    { 0, u"login-options", true, Action::NotCarried },
    { 0, u"mail-auth", true, Action::NotCarried },
    { 0, u"mail-from", true, Action::NotCarried },
    { 0, u"mail-rcpt", true, Action::NotCarried },
    { 0, u"mail-rcpt-allowfails", false, Action::NotCarried },
    { u'M', u"manual", false, Action::NotCarried },
    { 0, u"max-filesize", true, Action::NotCarried },
    { 0, u"max-redirs", true, Action::NotCarried },
    { u'm', u"max-time", true, Action::MaxTime },
    { 0, u"metalink", false, Action::NotCarried },
    { 0, u"mptcp", false, Action::NotCarried },
    { 0, u"negotiate", false, Action::AuthScheme },
    { u'n', u"netrc", false, Action::NotCarried },
    { 0, u"netrc-file", true, Action::NotCarried },
    { 0, u"netrc-optional", false, Action::NotCarried },
    { u':', u"next", false, Action::Next },
    { 0, u"no-alpn", false, Action::NotCarried },
    { u'N', u"no-buffer", false, Action::Output },
    { 0, u"no-clobber", false, Action::Output },
    { 0, u"no-keepalive", false, Action::NotCarried },
    { 0, u"no-npn", false, Action::NotCarried },
    { 0, u"no-progress-meter", false, Action::Output },
    { 0, u"no-sessionid", false, Action::NotCarried },
    { 0, u"noproxy", true, Action::NotCarried },
    { 0, u"ntlm", false, Action::AuthScheme },
    { 0, u"ntlm-wb", false, Action::AuthScheme },
    { 0, u"oauth2-bearer", true, Action::Bearer },
    { 0, u"out-null", false, Action::Output },
    { u'o', u"output", true, Action::Output },
    { 0, u"output-dir", true, Action::Output },
    { u'Z', u"parallel", false, Action::NotCarried },
    { 0, u"parallel-immediate", false, Action::NotCarried },
    { 0, u"parallel-max", true, Action::NotCarried },
    { 0, u"parallel-max-host", true, Action::NotCarried },
    { 0, u"pass", true, Action::NotCarried },
    { 0, u"path-as-is", false, Action::NotCarried },
    { 0, u"pinnedpubkey", true, Action::NotCarried },
    { 0, u"post301", false, Action::NotCarried },
    { 0, u"post302", false, Action::NotCarried },
    { 0, u"post303", false, Action::NotCarried },
    { 0, u"preproxy", true, Action::NotCarried },
    { u'#', u"progress-bar", false, Action::Output },
    { 0, u"proto", true, Action::NotCarried },
    { 0, u"proto-default", true, Action::NotCarried },
    { 0, u"proto-redir", true, Action::NotCarried },
    { u'x', u"proxy", true, Action::NotCarried },
    { 0, u"proxy-anyauth", false, Action::NotCarried },
    { 0, u"proxy-basic", false, Action::NotCarried },
    { 0, u"proxy-ca-native", false, Action::NotCarried },
    { 0, u"proxy-cacert", true, Action::NotCarried },
    { 0, u"proxy-capath", true, Action::NotCarried },
    { 0, u"proxy-cert", true, Action::NotCarried },
    { 0, u"proxy-cert-type", true, Action::NotCarried },
    { 0, u"proxy-ciphers", true, Action::NotCarried },
    { 0, u"proxy-crlfile", true, Action::NotCarried },
    { 0, u"proxy-digest", false, Action::NotCarried },
    { 0, u"proxy-header", true, Action::NotCarried },
    { 0, u"proxy-http2", false, Action::NotCarried },
    { 0, u"proxy-insecure", false, Action::NotCarried },
    { 0, u"proxy-key", true, Action::NotCarried },
    { 0, u"proxy-key-type", true, Action::NotCarried },
    { 0, u"proxy-negotiate", false, Action::NotCarried },
    { 0, u"proxy-ntlm", false, Action::NotCarried },
    { 0, u"proxy-pass", true, Action::NotCarried },
    { 0, u"proxy-pinnedpubkey", true, Action::NotCarried },
    { 0, u"proxy-service-name", true, Action::NotCarried },
    { 0, u"proxy-ssl-allow-beast", false, Action::NotCarried },
    { 0, u"proxy-ssl-auto-client-cert", false, Action::NotCarried },
    { 0, u"proxy-tls13-ciphers", true, Action::NotCarried },
    { 0, u"proxy-tlsauthtype", true, Action::NotCarried },
    { 0, u"proxy-tlspassword", true, Action::NotCarried },
    { 0, u"proxy-tlsuser", true, Action::NotCarried },
    { 0, u"proxy-tlsv1", false, Action::NotCarried },
    { u'U', u"proxy-user", true, Action::NotCarried },
    { 0, u"proxy1.0", true, Action::NotCarried },
    { u'p', u"proxytunnel", false, Action::NotCarried },
    { 0, u"pubkey", true, Action::NotCarried },
    { u'Q', u"quote", true, Action::NotCarried },
    { 0, u"random-file", true, Action::NotCarried },
    { u'r', u"range", true, Action::NotCarried },
    { 0, u"rate", true, Action::NotCarried },
    { 0, u"raw", false, Action::NotCarried },
    { u'e', u"referer", true, Action::Referer },
    { u'J', u"remote-header-name", false, Action::Output },
    { u'O', u"remote-name", false, Action::Output },
    { 0, u"remote-name-all", false, Action::Output },
    { u'R', u"remote-time", false, Action::NotCarried },
    { 0, u"remove-on-error", false, Action::Output },
    { u'X', u"request", true, Action::Method },
    { 0, u"request-target", true, Action::NotCarried },
    { 0, u"resolve", true, Action::NotCarried },
    { 0, u"retry", true, Action::NotCarried },
    { 0, u"retry-all-errors", false, Action::NotCarried },
    { 0, u"retry-connrefused", false, Action::NotCarried },
    { 0, u"retry-delay", true, Action::NotCarried },
    { 0, u"retry-max-time", true, Action::NotCarried },
    { 0, u"sasl-authzid", true, Action::NotCarried },
    { 0, u"sasl-ir", false, Action::NotCarried },
    { 0, u"service-name", true, Action::NotCarried },
    { u'S', u"show-error", false, Action::Output },
    { 0, u"sigalgs", true, Action::NotCarried },
    { u's', u"silent", false, Action::Output },
    { 0, u"skip-existing", false, Action::Output },
    { 0, u"socks4", true, Action::NotCarried },
    { 0, u"socks4a", true, Action::NotCarried },
    { 0, u"socks5", true, Action::NotCarried },
    { 0, u"socks5-basic", false, Action::NotCarried },
    { 0, u"socks5-gssapi", false, Action::NotCarried },
    { 0, u"socks5-gssapi-nec", false, Action::NotCarried },
    { 0, u"socks5-gssapi-service", true, Action::NotCarried },
    { 0, u"socks5-hostname", true, Action::NotCarried },
    { u'Y', u"speed-limit", true, Action::NotCarried },
    { u'y', u"speed-time", true, Action::NotCarried },
    { 0, u"ssl", false, Action::NotCarried },
    { 0, u"ssl-allow-beast", false, Action::NotCarried },
    { 0, u"ssl-auto-client-cert", false, Action::NotCarried },
    { 0, u"ssl-no-revoke", false, Action::NotCarried },
    { 0, u"ssl-reqd", false, Action::NotCarried },
    { 0, u"ssl-revoke-best-effort", false, Action::NotCarried },
    { 0, u"ssl-sessions", true, Action::NotCarried },
    { u'2', u"sslv2", false, Action::NotCarried },
    { u'3', u"sslv3", false, Action::NotCarried },
    { 0, u"stderr", true, Action::Output },
    { 0, u"styled-output", false, Action::Output },
    { 0, u"suppress-connect-headers", false, Action::NotCarried },
    { 0, u"tcp-fastopen", false, Action::NotCarried },
    { 0, u"tcp-nodelay", false, Action::NotCarried },
    { u't', u"telnet-option", true, Action::NotCarried },
    { 0, u"tftp-blksize", true, Action::NotCarried },
    { 0, u"tftp-no-options", false, Action::NotCarried },
    { u'z', u"time-cond", true, Action::NotCarried },
    { 0, u"tls-earlydata", false, Action::NotCarried },
    { 0, u"tls-max", true, Action::NotCarried },
    { 0, u"tls13-ciphers", true, Action::NotCarried },
    { 0, u"tlsauthtype", true, Action::NotCarried },
    { 0, u"tlspassword", true, Action::NotCarried },
    { 0, u"tlsuser", true, Action::NotCarried },
    { u'1', u"tlsv1", false, Action::NotCarried },
    { 0, u"tlsv1.0", false, Action::NotCarried },
    { 0, u"tlsv1.1", false, Action::NotCarried },
    { 0, u"tlsv1.2", false, Action::NotCarried },
    { 0, u"tlsv1.3", false, Action::NotCarried },
    { 0, u"tr-encoding", false, Action::NotCarried },
    { 0, u"trace", true, Action::Output },
    { 0, u"trace-ascii", true, Action::Output },
    { 0, u"trace-config", true, Action::Output },
    { 0, u"trace-ids", false, Action::Output },
    { 0, u"trace-time", false, Action::Output },
    { 0, u"unix-socket", true, Action::NotCarried },
    { u'T', u"upload-file", true, Action::UploadFile },
    { 0, u"upload-flags", true, Action::NotCarried },
    { 0, u"url", true, Action::Url },
    { 0, u"url-query", true, Action::UrlQuery },
    { u'B', u"use-ascii", false, Action::NotCarried },
    { u'u', u"user", true, Action::User },
    { u'A', u"user-agent", true, Action::UserAgent },
    { 0, u"variable", true, Action::NotCarried },
    { u'v', u"verbose", false, Action::Output },
    { u'V', u"version", false, Action::NotCarried },
    { 0, u"vlan-priority", true, Action::NotCarried },
    { u'w', u"write-out", true, Action::Output },
    { 0, u"xattr", false, Action::Output },
};

const OptionSpec *findLong(QStringView name)
{
    static const QHash<QString, const OptionSpec *> byName = [] {
        QHash<QString, const OptionSpec *> h;
        for (const OptionSpec &o : optionTable)
            h.insert(QString::fromUtf16(o.longName), &o);
        return h;
    }();
    return byName.value(name.toString());
}

const OptionSpec *findShort(QChar c)
{
    for (const OptionSpec &o : optionTable)
        if (o.shortName != 0 && o.shortName == c.unicode())
            return &o;
    return nullptr;
}

struct FormPart {
    QString name;
    QString value;
    bool file = false; // name=@file: an upload
    bool contentOf = false; // name=<file: the file's content as the value
    QString type;
    QString filename;
};

QString urlEncodeData(const QString &arg)
{
    auto enc = [](const QString &s) { return QString::fromLatin1(QUrl::toPercentEncoding(s)); };
    const qsizetype eq = arg.indexOf(QLatin1Char('='));
    if (eq == 0)
        return enc(arg.mid(1));
    if (eq > 0)
        return arg.left(eq) + QLatin1Char('=') + enc(arg.mid(eq + 1));
    return enc(arg);
}

QString fileReference(const QString &path)
{
    if (QFileInfo(path).isAbsolute() || path.startsWith(QLatin1String("./")) || path.startsWith(QLatin1String("../")))
        return QStringLiteral("< ") + path;
    return QStringLiteral("< ./") + path;
}

QString redirectText(const ShellRedirect &r)
{
    if (r.isHereDocument())
        return r.op + r.target;
    return r.op + (r.op.endsWith(QLatin1Char('&')) ? QString() : QStringLiteral(" ")) + r.target;
}

// One request group of a curl command: the options and URLs up to the end or up to --next,
// which in curl starts a new group with options of its own.
class RequestGroup
{
public:
    RequestGroup(const ShellCommand &command, const QString &item, ImportResult &result)
        : m_command(command)
        , m_item(item)
        , m_result(result)
    { }

    void apply(const OptionSpec &o, const QString &value, const QString &shown, bool negated);
    void addUrl(const QString &url) { m_urls << url; }
    // The requests for this group's URLs, and what was not carried over.
    void finish(HttpFile &file);
    bool readsStandardInput() const { return m_usedStandardInput; }

private:
    void issue(const QString &what, const QString &why) { m_result.issues.append({ m_item, what, why }); }
    void addHeader(const QString &name, const QString &value) { m_headers.append({ name, value, 0 }); }
    bool hasHeader(const QString &name) const;
    void header(const QString &value, const QString &shown);
    void data(Action action, const QString &value, const QString &shown);
    void form(Action action, const QString &value, const QString &shown);
    void user(const QString &value, const QString &shown);
    QString standardInput(const QString &shown, bool stripLineBreaks, QString *file);
    QString query(const QString &value, const QString &shown);
    void makeBody();
    void reportAuthentication();

    const ShellCommand &m_command;
    const QString m_item;
    ImportResult &m_result;
    QString m_method;
    QStringList m_urls;
    QList<HeaderLine> m_headers;
    QStringList m_dataParts;
    QStringList m_queryParts; // --url-query
    QString m_dataFile;
    bool m_dataFromFile = false;
    QList<FormPart> m_form;
    bool m_get = false, m_head = false, m_follow = false, m_insecure = false, m_jsonData = false;
    QString m_uploadFile, m_uploadText, m_timeout;
    bool m_uploadFromText = false;
    QStringList m_ignored;
    QString m_authScheme, m_authShown, m_userShown; // the last --digest/--ntlm… and -u
    QList<qsizetype> m_basicHeaders; // where -u put an Authorization header
    bool m_usedStandardInput = false;
    QString m_body;
    bool m_hasBody = false;
};

bool RequestGroup::hasHeader(const QString &name) const
{
    for (const HeaderLine &h : m_headers)
        if (h.name.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

void RequestGroup::apply(const OptionSpec &o, const QString &value, const QString &shown, bool negated)
{
    if (negated) {
        // --no-location, --no-insecure…: curl's way to switch a flag back off.
        switch (o.action) {
        case Action::Location: m_follow = false; return;
        case Action::Insecure: m_insecure = false; return;
        case Action::Get: m_get = false; return;
        case Action::Head: m_head = false; return;
        case Action::Compressed:
        case Action::Output: m_ignored << shown; return;
        default: issue(shown, QStringLiteral("option not carried over")); return;
        }
    }
    switch (o.action) {
    case Action::Method: m_method = value; break;
    case Action::Header: header(value, shown); break;
    case Action::Data:
    case Action::DataBinary:
    case Action::DataRaw:
    case Action::DataUrlencode:
    case Action::Json: data(o.action, value, shown); break;
    case Action::Form:
    case Action::FormString: form(o.action, value, shown); break;
    case Action::User: user(value, shown); break;
    case Action::AuthScheme:
        m_authScheme = QString::fromUtf16(o.longName);
        m_authShown = shown;
        break;
    case Action::Basic: m_authScheme.clear(); break;
    case Action::Bearer: addHeader(QStringLiteral("Authorization"), QStringLiteral("Bearer ") + value); break;
    case Action::Url: m_urls << value; break;
    case Action::UrlQuery: m_queryParts << query(value, shown); break;
    case Action::UserAgent: addHeader(QStringLiteral("User-Agent"), value); break;
    case Action::Referer:
        addHeader(QStringLiteral("Referer"), value.endsWith(QLatin1String(";auto")) ? value.chopped(5) : value);
        break;
    case Action::Cookie:
        if (value.contains(QLatin1Char('=')))
            addHeader(QStringLiteral("Cookie"), value);
        else
            issue(shown, QStringLiteral("cookies from a file are not read at import"));
        break;
    case Action::Get: m_get = true; break;
    case Action::Head: m_head = true; break;
    case Action::Location: m_follow = true; break;
    case Action::Insecure: m_insecure = true; break;
    case Action::Compressed:
        issue(shown,
            QStringLiteral(
                "VerbScope always offers gzip, deflate, br and zstd and decodes the body; no header needed"));
        break;
    case Action::MaxTime:
        m_timeout = value;
        issue(shown, QStringLiteral("kept as @timeout, which is an inactivity timeout, not a total one"));
        break;
    case Action::UploadFile:
        if (value == QLatin1String("-") || value == QLatin1String(".")) {
            QString file;
            m_uploadText = standardInput(shown, false, &file);
            m_uploadFile = file.isEmpty() ? value : file;
            m_uploadFromText = file.isEmpty();
        } else {
            m_uploadFile = value;
        }
        break;
    case Action::Output: m_ignored << shown; break;
    case Action::Next: break; // the caller starts the next group
    case Action::NotCarried: issue(shown, QStringLiteral("option not carried over")); break;
    }
}

void RequestGroup::header(const QString &value, const QString &shown)
{
    const qsizetype colon = value.indexOf(QLatin1Char(':'));
    if (colon <= 0) {
        if (value.endsWith(QLatin1Char(';')))
            addHeader(value.chopped(1).trimmed(), QString());
        else if (value.startsWith(QLatin1Char('@')))
            issue(shown, QStringLiteral("headers from a file are not read at import"));
        else
            issue(shown, QStringLiteral("not a \"Name: value\" header"));
        return;
    }
    const QString v = value.mid(colon + 1).trimmed();
    if (v.isEmpty()) {
        issue(
            shown, QStringLiteral("curl removes an internal header given with an empty value; nothing to carry over"));
        return;
    }
    addHeader(value.left(colon).trimmed(), v);
}

// `@-` reads curl's standard input: a here-document or here-string is the text itself; from
// `< file` the file is referenced (*file); from a pipe or a terminal there is nothing to read.
QString RequestGroup::standardInput(const QString &shown, bool stripLineBreaks, QString *file)
{
    m_usedStandardInput = true;
    const ShellRedirect *in = m_command.standardInput();
    if (!in) {
        issue(shown,
            QStringLiteral("reads standard input, which is not part of the command (a pipe or the terminal); "
                           "left empty"));
        return {};
    }
    if (!in->isHereDocument() && !in->op.endsWith(QLatin1String("<<<"))) {
        *file = in->target;
        return {};
    }
    QString text = in->text;
    if (stripLineBreaks) // as curl does for -d @file
        text.remove(QLatin1Char('\r')).remove(QLatin1Char('\n'));
    return text;
}

void RequestGroup::data(Action action, const QString &value, const QString &shown)
{
    if (action == Action::Json)
        m_jsonData = true;
    if (action == Action::DataRaw || !value.startsWith(QLatin1Char('@')) || action == Action::DataUrlencode) {
        if (action != Action::DataUrlencode) {
            m_dataParts << value;
            return;
        }
        const qsizetype at = value.indexOf(QLatin1Char('@'));
        if (at >= 0 && !value.left(at).contains(QLatin1Char('=')))
            issue(shown, QStringLiteral("content from a file is not read at import; left as written"));
        m_dataParts << urlEncodeData(value);
        return;
    }
    const bool strips = action == Action::Data;
    if (value == QLatin1String("@-")) {
        QString file;
        const QString text = standardInput(shown, strips, &file);
        if (file.isEmpty()) {
            m_dataParts << text;
            return;
        }
        m_dataFile = file;
    } else {
        m_dataFile = value.mid(1);
    }
    m_dataFromFile = true;
    if (strips)
        issue(shown, QStringLiteral("curl strips line breaks from a -d @file; the file is sent as is"));
    m_dataParts << QString();
}

void RequestGroup::form(Action action, const QString &value, const QString &shown)
{
    const qsizetype eq = value.indexOf(QLatin1Char('='));
    if (eq <= 0) {
        issue(shown, QStringLiteral("not a name=value form field"));
        return;
    }
    FormPart part;
    part.name = value.left(eq);
    QString v = value.mid(eq + 1);
    if (action == Action::Form) {
        if (v.startsWith(QLatin1Char('@')) || v.startsWith(QLatin1Char('<'))) {
            part.file = v.startsWith(QLatin1Char('@'));
            part.contentOf = !part.file;
            v = v.mid(1);
        }
        QStringList attrs = v.split(QLatin1Char(';'));
        v = attrs.takeFirst();
        for (const QString &a : std::as_const(attrs)) {
            if (a.startsWith(QLatin1String("type=")))
                part.type = a.mid(5);
            else if (a.startsWith(QLatin1String("filename=")))
                part.filename = a.mid(9);
            else
                issue(shown, QStringLiteral("form attribute \"%1\" is not carried over").arg(a));
        }
    }
    part.value = v;
    m_form << part;
}

void RequestGroup::user(const QString &value, const QString &shown)
{
    const qsizetype colon = value.indexOf(QLatin1Char(':'));
    if (colon < 0)
        issue(shown, QStringLiteral("no password given (curl would prompt); sent as user with an empty password"));
    const QString name = colon < 0 ? value : value.left(colon);
    const QString pass = colon < 0 ? QString() : value.mid(colon + 1);
    m_userShown = shown;
    m_basicHeaders << m_headers.size();
    if (value.contains(QLatin1String("{{")))
        addHeader(QStringLiteral("Authorization"), QStringLiteral("Basic %1 %2").arg(name, pass));
    else
        addHeader(QStringLiteral("Authorization"),
            QStringLiteral("Basic ") + QString::fromLatin1((name + QLatin1Char(':') + pass).toUtf8().toBase64()));
}

// --url-query is --data-urlencode's syntax for the query, and "+text" for text as it is.
QString RequestGroup::query(const QString &value, const QString &shown)
{
    if (value.startsWith(QLatin1Char('+')))
        return value.mid(1);
    const qsizetype at = value.indexOf(QLatin1Char('@'));
    if (at >= 0 && !value.left(at).contains(QLatin1Char('=')))
        issue(shown, QStringLiteral("content from a file is not read at import; left as written"));
    return urlEncodeData(value);
}

// curl sends -u as Basic only without --digest, --ntlm, --negotiate, --aws-sigv4 or --anyauth
// (the last of those and --basic wins); the others need a challenge VerbScope does not answer.
void RequestGroup::reportAuthentication()
{
    if (m_authScheme.isEmpty())
        return;
    if (m_basicHeaders.isEmpty()) {
        issue(m_authShown, QStringLiteral("option not carried over"));
        return;
    }
    for (qsizetype k = m_basicHeaders.size() - 1; k >= 0; --k)
        m_headers.removeAt(m_basicHeaders.at(k));
    issue(QStringLiteral("%1 with %2").arg(m_userShown, m_authShown),
        QStringLiteral("%1 authentication is not carried over; no Authorization header was made").arg(m_authScheme));
}

void RequestGroup::makeBody()
{
    const QString data = m_dataParts.join(QLatin1Char('&'));
    if (!m_form.isEmpty()) {
        const QString boundary = QStringLiteral("VerbScopeFormBoundary");
        QStringList lines;
        for (const FormPart &p : std::as_const(m_form)) {
            lines << QStringLiteral("--") + boundary;
            QString disposition = QStringLiteral("Content-Disposition: form-data; name=\"%1\"").arg(p.name);
            if (p.file)
                disposition += QStringLiteral("; filename=\"%1\"")
                                   .arg(p.filename.isEmpty() ? QFileInfo(p.value).fileName() : p.filename);
            lines << disposition;
            if (!p.type.isEmpty())
                lines << QStringLiteral("Content-Type: ") + p.type;
            lines << QString();
            lines << (p.file || p.contentOf ? fileReference(p.value) : p.value);
        }
        lines << QStringLiteral("--") + boundary + QStringLiteral("--");
        m_body = lines.join(QLatin1Char('\n'));
        m_hasBody = true;
        if (!hasHeader(QStringLiteral("Content-Type")))
            addHeader(QStringLiteral("Content-Type"), QStringLiteral("multipart/form-data; boundary=") + boundary);
        if (!m_dataParts.isEmpty())
            issue(QStringLiteral("-d with -F"), QStringLiteral("curl refuses to mix them; the -d data was dropped"));
    } else if (!m_dataParts.isEmpty() && !m_get) {
        m_hasBody = true;
        if (m_dataFromFile && m_dataParts.size() == 1) {
            m_body = fileReference(m_dataFile);
        } else {
            if (m_dataFromFile)
                issue(QStringLiteral("-d @file"),
                    QStringLiteral("a file mixed with other -d parts cannot be referenced; its part is empty"));
            m_body = data;
        }
        if (m_jsonData) {
            if (!hasHeader(QStringLiteral("Content-Type")))
                addHeader(QStringLiteral("Content-Type"), QStringLiteral("application/json"));
            if (!hasHeader(QStringLiteral("Accept")))
                addHeader(QStringLiteral("Accept"), QStringLiteral("application/json"));
        } else if (!hasHeader(QStringLiteral("Content-Type"))) {
            addHeader(QStringLiteral("Content-Type"), QStringLiteral("application/x-www-form-urlencoded"));
        }
    } else if (!m_uploadFile.isEmpty()) {
        m_hasBody = true;
        m_body = m_uploadFromText ? m_uploadText : fileReference(m_uploadFile);
    }
    if (m_get && m_dataFromFile)
        issue(
            QStringLiteral("-G -d @file"), QStringLiteral("file content is not read at import; left out of the query"));
}

void RequestGroup::finish(HttpFile &file)
{
    if (!m_ignored.isEmpty())
        issue(m_ignored.join(QLatin1Char(' ')), QStringLiteral("only change curl's own output; nothing to carry over"));
    if (m_urls.isEmpty()) {
        issue(QStringLiteral("URL"), QStringLiteral("no URL in this command; no request made"));
        return;
    }
    reportAuthentication();
    makeBody();
    QStringList queryParts = m_queryParts;
    if (m_get && !m_dataParts.isEmpty() && m_form.isEmpty())
        queryParts.prepend(m_dataParts.join(QLatin1Char('&')));
    queryParts.removeAll(QString());
    const QString query = queryParts.join(QLatin1Char('&'));
    for (QString url : std::as_const(m_urls)) {
        HttpRequest r;
        if (!url.contains(QLatin1String("://")))
            url.prepend(QStringLiteral("http://"));
        if (!query.isEmpty())
            url += (url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) + query;
        url.replace(QLatin1Char(' '), QStringLiteral("%20")); // a space would end the request line
        r.target = url;
        r.method = !m_method.isEmpty() ? m_method
            : m_head                   ? QStringLiteral("HEAD")
            : m_get                    ? QStringLiteral("GET")
            : !m_uploadFile.isEmpty()  ? QStringLiteral("PUT")
            : m_hasBody                ? QStringLiteral("POST")
                                       : QStringLiteral("GET");
        r.headers = m_headers;
        r.body = m_body;
        r.hasBody = m_hasBody;
        if (!m_follow)
            r.directives.append({ QStringLiteral("no-redirect"), QString() });
        if (m_insecure)
            r.directives.append({ QStringLiteral("insecure"), QString() });
        if (!m_timeout.isEmpty())
            r.directives.append({ QStringLiteral("timeout"), m_timeout });
        importhelpers::flagUnwritable(r, m_item, m_result.issues);
        file.requests.append(r);
    }
}

// A long option's table entry and its argument, with curl 8's --expand-NAME and --no-NAME, and
// --name=value (which curl itself does not take, but documentation writes).
struct LongOption {
    const OptionSpec *spec = nullptr;
    bool negated = false, expanded = false, inlineValue = false;
    QString value;
};

LongOption parseLong(const QString &word)
{
    LongOption o;
    QString name = word.mid(2);
    if (name.startsWith(QLatin1String("expand-")) && findLong(QStringView(name).mid(7))) {
        o.expanded = true;
        name = name.mid(7);
    }
    if ((o.spec = findLong(name)))
        return o;
    if (const qsizetype eq = name.indexOf(QLatin1Char('=')); eq > 0) {
        const OptionSpec *spec = findLong(QStringView(name).left(eq));
        if (spec && spec->takesArgument) {
            o.spec = spec;
            o.inlineValue = true;
            o.value = name.mid(eq + 1);
            return o;
        }
    }
    if (name.startsWith(QLatin1String("no-"))) {
        const OptionSpec *spec = findLong(QStringView(name).mid(3));
        if (spec && !spec->takesArgument) {
            o.spec = spec;
            o.negated = true;
        }
    }
    return o;
}

// One curl command: its options, in curl's order and with curl's arities, into request groups.
void parseCommand(const ShellCommand &command, int number, ImportResult &result, HttpFile &file)
{
    const QString item = QStringLiteral("command %1").arg(number);
    const QStringList &args = command.words;
    auto issue = [&](const QString &what, const QString &why) { result.issues.append({ item, what, why }); };
    auto group = std::make_unique<RequestGroup>(command, item, result);
    bool usedStandardInput = false;
    auto nextGroup = [&] {
        group->finish(file);
        usedStandardInput = usedStandardInput || group->readsStandardInput();
        group = std::make_unique<RequestGroup>(command, item, result);
    };
    // An option's argument is the next word; a missing one is reported, never taken from a URL.
    auto apply = [&](const OptionSpec &o, qsizetype &i, QString value, bool haveValue, const QString &shown,
                     bool negated = false) {
        if (o.action == Action::Next)
            return nextGroup();
        if (o.takesArgument && !haveValue) {
            if (i + 1 >= args.size())
                return issue(shown, QStringLiteral("option needs a value"));
            value = args.at(++i);
        }
        group->apply(o, value, shown, negated);
    };
    bool options = true;
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (!options || !a.startsWith(QLatin1Char('-')) || a.size() == 1) {
            group->addUrl(a);
        } else if (a == QLatin1String("--")) {
            options = false; // the rest are URLs
        } else if (a.startsWith(QLatin1String("--"))) {
            const LongOption o = parseLong(a);
            if (!o.spec) {
                issue(a, QStringLiteral("not a curl option; skipped"));
                continue;
            }
            if (o.expanded)
                issue(a, QStringLiteral("curl's --expand variables are not carried over; {{…}} left as written"));
            apply(*o.spec, i, o.value, o.inlineValue, a, o.negated);
        } else {
            // Combined short options: -sSLk, -XPOST, -HAccept:x; one taking an argument ends it.
            for (qsizetype k = 1; k < a.size(); ++k) {
                const QString shown = QStringLiteral("-") + a.at(k);
                const OptionSpec *o = findShort(a.at(k));
                if (!o) {
                    issue(shown, QStringLiteral("not a curl option; skipped"));
                    continue;
                }
                const QString rest = a.mid(k + 1);
                apply(*o, i, rest, o->takesArgument && !rest.isEmpty(), shown);
                if (o->takesArgument)
                    break;
            }
        }
    }
    group->finish(file);
    usedStandardInput = usedStandardInput || group->readsStandardInput();

    // Redirections are the shell's, not curl's: an unread input and any output are reported.
    QStringList outputs;
    for (const ShellRedirect &r : command.redirects) {
        if (!r.isInput())
            outputs << redirectText(r);
        else if (!usedStandardInput)
            issue(redirectText(r), QStringLiteral("standard input that curl does not read here; not carried over"));
    }
    if (!outputs.isEmpty())
        issue(outputs.join(QLatin1Char(' ')), QStringLiteral("only change curl's own output; nothing to carry over"));
}
} // namespace

QList<QStringList> CurlImporter::splitCommands(const QString &text, QString *error)
{
    const ShellWords::Result r = ShellWords::split(text);
    if (error)
        *error = r.error;
    QList<QStringList> commands;
    for (const ShellCommand &c : r.commands)
        commands << c.words;
    return commands;
}

QList<CurlImporter::Option> CurlImporter::options()
{
    QList<Option> list;
    for (const OptionSpec &o : optionTable)
        list.append({ o.shortName ? QChar(o.shortName) : QChar(), QString::fromUtf16(o.longName), o.takesArgument,
            o.action != Action::NotCarried });
    return list;
}

ImportResult CurlImporter::import(const QString &text, const QString &baseName)
{
    ImportResult result;
    result.format = QStringLiteral("curl");
    const ShellWords::Result shell = ShellWords::split(text);
    if (!shell.error.isEmpty())
        result.issues.append({ QStringLiteral("input"), QStringLiteral("shell syntax"),
            shell.error + QStringLiteral("; the rest was not read") });
    HttpFile file;
    int number = 0;
    for (const ShellCommand &c : shell.commands) {
        ++number;
        const QString program = QFileInfo(c.words.first()).fileName();
        if (program != QLatin1String("curl") && program != QLatin1String("curl.exe")) {
            result.issues.append({ QStringLiteral("command %1").arg(number), c.words.first(),
                QStringLiteral("not a curl command; skipped") });
            continue;
        }
        parseCommand(c, number, result, file);
    }
    if (file.requests.isEmpty()) {
        // Nothing to import: an error, and no empty file for the caller to write.
        result.error = shell.commands.isEmpty()
            ? QStringLiteral("no curl command found")
            : QStringLiteral("no curl command found among %1 command(s)").arg(shell.commands.size());
        return result;
    }
    result.files.append({ (baseName.isEmpty() ? QStringLiteral("curl") : baseName) + QStringLiteral(".http"), file });
    return result;
}

} // namespace verbscope::collections
