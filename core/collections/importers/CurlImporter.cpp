// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/importers/CurlImporter.h"

#include "core/collections/importers/ImportHelpers.h"
#include "core/collections/importers/ShellWords.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QUrl>

// verbscope_core is static: the resource is initialised by name, outside any namespace.
static void initCurlKnowledge()
{
    Q_INIT_RESOURCE(knowledge);
}

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
    QChar shortName; // null: none
    QString longName;
    QString argument; // "none", "string", "file", "url"…: what curl takes after it
    Action action = Action::NotCarried;
    QString reason; // why a reported option is not carried over
    bool takesArgument() const { return argument != QLatin1String("none"); }
};

// resources/knowledge/curl-options.tsv: every curl option, its argument and what is done with it.
struct OptionTable {
    QList<OptionSpec> options;
    QHash<QString, qsizetype> byLong;
    QHash<QChar, qsizetype> byShort;
    QString problem; // a line the loader could not read: a broken resource, caught by the tests
};

const OptionTable &optionTable()
{
    static const OptionTable table = [] {
        initCurlKnowledge();
        static const QHash<QString, Action> actions {
            { QStringLiteral("reported"), Action::NotCarried },
            { QStringLiteral("output"), Action::Output },
            { QStringLiteral("method"), Action::Method },
            { QStringLiteral("header"), Action::Header },
            { QStringLiteral("data"), Action::Data },
            { QStringLiteral("data-binary"), Action::DataBinary },
            { QStringLiteral("data-raw"), Action::DataRaw },
            { QStringLiteral("data-urlencode"), Action::DataUrlencode },
            { QStringLiteral("json"), Action::Json },
            { QStringLiteral("form"), Action::Form },
            { QStringLiteral("form-string"), Action::FormString },
            { QStringLiteral("user"), Action::User },
            { QStringLiteral("auth-scheme"), Action::AuthScheme },
            { QStringLiteral("basic"), Action::Basic },
            { QStringLiteral("bearer"), Action::Bearer },
            { QStringLiteral("url"), Action::Url },
            { QStringLiteral("url-query"), Action::UrlQuery },
            { QStringLiteral("user-agent"), Action::UserAgent },
            { QStringLiteral("referer"), Action::Referer },
            { QStringLiteral("cookie"), Action::Cookie },
            { QStringLiteral("get"), Action::Get },
            { QStringLiteral("head"), Action::Head },
            { QStringLiteral("location"), Action::Location },
            { QStringLiteral("insecure"), Action::Insecure },
            { QStringLiteral("compressed"), Action::Compressed },
            { QStringLiteral("max-time"), Action::MaxTime },
            { QStringLiteral("upload-file"), Action::UploadFile },
            { QStringLiteral("next"), Action::Next },
        };
        static const QStringList kinds { QStringLiteral("none"), QStringLiteral("string"), QStringLiteral("file"),
            QStringLiteral("url"), QStringLiteral("number"), QStringLiteral("header"), QStringLiteral("data"),
            QStringLiteral("method"), QStringLiteral("user") };
        OptionTable t;
        QFile f(QStringLiteral(":/knowledge/curl-options.tsv"));
        if (!f.open(QIODevice::ReadOnly)) {
            t.problem = QStringLiteral("curl-options.tsv: cannot be read");
            return t;
        }
        const QStringList lines = QString::fromUtf8(f.readAll()).split(QLatin1Char('\n'));
        for (qsizetype n = 0; n < lines.size(); ++n) {
            const QString &line = lines.at(n);
            if (line.isEmpty() || line.startsWith(QLatin1Char('#')))
                continue;
            const QStringList c = line.split(QLatin1Char('\t'));
            if (c.size() != 5 || !actions.contains(c.at(3)) || !kinds.contains(c.at(2)) || c.at(1).size() != 1
                || t.byLong.contains(c.at(0))) {
                t.problem = QStringLiteral("curl-options.tsv:%1:1: not an option line").arg(n + 1);
                continue;
            }
            OptionSpec o { c.at(1) == QLatin1String("-") ? QChar() : c.at(1).at(0), c.at(0), c.at(2),
                actions.value(c.at(3)), c.at(4) };
            t.byLong.insert(o.longName, t.options.size());
            if (!o.shortName.isNull())
                t.byShort.insert(o.shortName, t.options.size());
            t.options.append(o);
        }
        return t;
    }();
    return table;
}

const OptionSpec *findLong(QStringView name)
{
    const OptionTable &t = optionTable();
    const qsizetype i = t.byLong.value(name.toString(), -1);
    return i < 0 ? nullptr : &t.options.at(i);
}

const OptionSpec *findShort(QChar c)
{
    const OptionTable &t = optionTable();
    const qsizetype i = t.byShort.value(c, -1);
    return i < 0 ? nullptr : &t.options.at(i);
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
    bool m_compressed = false;
    bool m_get = false, m_head = false, m_follow = false, m_insecure = false, m_jsonData = false;
    QString m_uploadFile, m_uploadText, m_timeout;
    bool m_uploadFromText = false;
    QStringList m_ignored;
    QString m_authScheme, m_authShown, m_authValue, m_userShown; // the last --digest/--ntlm… and -u
    QString m_userName, m_password;
    QList<FileVariable> m_authVariables;
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
        case Action::Compressed: m_compressed = false; return;
        case Action::Output: m_ignored << shown; return;
        default:
            issue(shown, o.reason.isEmpty() ? QStringLiteral("switching it off is not carried over") : o.reason);
            return;
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
        m_authScheme = o.longName;
        m_authShown = shown;
        m_authValue = value;
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
        m_compressed = true; // the header is added in finish(), unless -H gives one anywhere
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
    case Action::NotCarried: issue(shown, o.reason); break;
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
    m_userName = name;
    m_password = pass;
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
// (the last of those and --basic wins); the others need a challenge or a signature that a header
// written now cannot give. The scheme and its parameters are kept as @auth_<scheme>_* variables,
// as the Postman importer keeps them, and the password is never sent as Basic.
void RequestGroup::reportAuthentication()
{
    if (m_authScheme.isEmpty())
        return;
    for (qsizetype k = m_basicHeaders.size() - 1; k >= 0; --k)
        m_headers.removeAt(m_basicHeaders.at(k));
    QString scheme = m_authScheme;
    if (scheme == QLatin1String("aws-sigv4"))
        scheme = QStringLiteral("awsv4"); // Postman's name for it
    else if (scheme == QLatin1String("ntlm-wb"))
        scheme = QStringLiteral("ntlm");
    auto keep = [&](const QString &name, const QString &value) {
        m_authVariables.append({ QStringLiteral("auth_%1_%2").arg(scheme, name), value, 0 });
    };
    keep(QStringLiteral("scheme"), m_authScheme);
    if (!m_authValue.isEmpty())
        keep(QStringLiteral("provider"), m_authValue);
    if (m_userShown.isEmpty()) {
        issue(m_authShown,
            QStringLiteral("%1 authentication without -u: kept as @auth_%2_* variables; no Authorization header")
                .arg(m_authScheme, scheme));
        return;
    }
    keep(QStringLiteral("username"), m_userName);
    // The password (AWS: the secret key) goes to the private environment file, as the Postman and
    // Insomnia importers put their secrets, unless it is already a {{variable}}.
    static const QRegularExpression variableOnly(QStringLiteral("^\\{\\{[^{}]+\\}\\}$"));
    QString password = m_password;
    if (!password.isEmpty() && !variableOnly.match(password).hasMatch()) {
        const QString secret = QString(m_item).remove(QLatin1Char(' ')) + QStringLiteral("_%1_password").arg(scheme);
        m_result.privateEnvironments[QString::fromLatin1(Environments::Shared)].insert(secret, password);
        password = QStringLiteral("{{%1}}").arg(secret);
        issue(QStringLiteral("%1 password").arg(m_userShown),
            QStringLiteral("moved to http-client.private.env.json as $shared.%1").arg(secret));
    }
    keep(QStringLiteral("password"), password);
    issue(QStringLiteral("%1 with %2").arg(m_userShown, m_authShown),
        QStringLiteral("%1 authentication is not Basic: user and password kept as @auth_%2_username and "
                       "@auth_%2_password; no Authorization header was made, the password is not sent")
            .arg(m_authScheme, scheme));
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
    // As Debian's curl 7.88 (built with brotli and zstd) sends it; VerbScope decodes all four. A
    // header of the user's replaces curl's own, wherever it is on the line.
    if (m_compressed && !hasHeader(QStringLiteral("Accept-Encoding")))
        addHeader(QStringLiteral("Accept-Encoding"), QStringLiteral("deflate, gzip, br, zstd"));
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
        r.variables = m_authVariables;
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
        if (spec && spec->takesArgument()) {
            o.spec = spec;
            o.inlineValue = true;
            o.value = name.mid(eq + 1);
            return o;
        }
    }
    if (name.startsWith(QLatin1String("no-"))) {
        const OptionSpec *spec = findLong(QStringView(name).mid(3));
        if (spec && !spec->takesArgument()) {
            o.spec = spec;
            o.negated = true;
        }
    }
    return o;
}

// One curl command: its options, in curl's order and with curl's arities, into request groups.
void parseCommand(
    const QString &text, const ShellCommand &command, int number, ImportResult &result, HttpFile &commandFile)
{
    // curl refuses a command with an unknown option and sends nothing: so does the import.
    HttpFile file;
    const qsizetype issuesBefore = result.issues.size();
    QStringList unknown;
    auto unknownOption = [&](const QString &shown, qsizetype wordIndex, qsizetype inWord) {
        const qsizetype at = command.wordOffsets.value(wordIndex, command.offset) + inWord;
        unknown << QStringLiteral("%1 at %2").arg(shown, ShellWords::position(text, at));
    };
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
        if (o.takesArgument() && !haveValue) {
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
                unknownOption(a, i, 0);
                continue;
            }
            if (o.inlineValue)
                issue(a,
                    QStringLiteral("curl itself refuses --option=value as an unknown option; read as %1 %2")
                        .arg(a.left(a.indexOf(QLatin1Char('='))), o.value));
            if (o.expanded)
                issue(a, QStringLiteral("curl's --expand variables are not carried over; {{…}} left as written"));
            apply(*o.spec, i, o.value, o.inlineValue, a, o.negated);
        } else {
            // Combined short options: -sSLk, -XPOST, -HAccept:x; one taking an argument ends it.
            for (qsizetype k = 1; k < a.size(); ++k) {
                const QString shown = QStringLiteral("-") + a.at(k);
                const OptionSpec *o = findShort(a.at(k));
                if (!o) {
                    unknownOption(shown, i, k);
                    continue;
                }
                const QString rest = a.mid(k + 1);
                apply(*o, i, rest, o->takesArgument() && !rest.isEmpty(), shown);
                if (o->takesArgument())
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
    // $VAR and ${VAR} are the shell's: never expanded from VerbScope's environment, so reported.
    static const QRegularExpression shellVariable(QStringLiteral("\\$\\{?[A-Za-z_][A-Za-z0-9_]*\\}?"));
    QStringList variables;
    for (qsizetype i = 1; i < args.size(); ++i)
        for (auto it = shellVariable.globalMatch(args.at(i)); it.hasNext();)
            variables << it.next().captured();
    variables.removeDuplicates();
    if (!variables.isEmpty())
        issue(variables.join(QLatin1Char(' ')),
            QStringLiteral("shell variables are left as written (never expanded); replace them or make them "
                           "{{variables}}"));
    if (!unknown.isEmpty()) {
        result.issues.resize(issuesBefore);
        // Counted as left out: `import` exits 2 and says how many (at least the one command).
        result.leftOut += std::max(1, int(file.requests.size()));
        issue(unknown.join(QStringLiteral(", ")),
            QStringLiteral("not a curl option; curl refuses the whole command, so no request was made from it"));
        return;
    }
    commandFile.requests.append(file.requests);
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
    for (const OptionSpec &o : optionTable().options)
        list.append(
            { o.shortName, o.longName, o.takesArgument(), o.action != Action::NotCarried, o.argument, o.reason });
    return list;
}

QString CurlImporter::optionTableProblem()
{
    return optionTable().problem;
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
        parseCommand(text, c, number, result, file);
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
