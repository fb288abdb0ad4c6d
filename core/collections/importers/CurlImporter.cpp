// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/collections/importers/CurlImporter.h"

#include <QFileInfo>
#include <QSet>
#include <QUrl>

namespace verbscope::collections {

namespace {
int hexValue(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= '0' && u <= '9')
        return u - '0';
    if (u >= 'a' && u <= 'f')
        return u - 'a' + 10;
    if (u >= 'A' && u <= 'F')
        return u - 'A' + 10;
    return -1;
}

// Bash's $'…': \n \t \r \e \a \b \f \v \\ \' \" \? \xHH \NNN \uHHHH \UHHHHHHHH \cX.
qsizetype readAnsiC(const QString &t, qsizetype i, QString &out, bool *closed)
{
    *closed = false;
    QByteArray bytes; // \x and octal escapes are bytes, decoded as UTF-8 at the end
    auto flush = [&] {
        if (!bytes.isEmpty()) {
            out += QString::fromUtf8(bytes);
            bytes.clear();
        }
    };
    while (i < t.size()) {
        const QChar c = t.at(i);
        if (c == QLatin1Char('\'')) {
            *closed = true;
            flush();
            return i + 1;
        }
        if (c != QLatin1Char('\\') || i + 1 >= t.size()) {
            flush();
            out += c;
            ++i;
            continue;
        }
        const QChar e = t.at(i + 1);
        i += 2;
        switch (e.unicode()) {
        case 'n':
            flush();
            out += QLatin1Char('\n');
            break;
        case 't':
            flush();
            out += QLatin1Char('\t');
            break;
        case 'r':
            flush();
            out += QLatin1Char('\r');
            break;
        case 'e':
        case 'E':
            flush();
            out += QChar(0x1b);
            break;
        case 'a':
            flush();
            out += QChar(0x07);
            break;
        case 'b':
            flush();
            out += QChar(0x08);
            break;
        case 'f':
            flush();
            out += QChar(0x0c);
            break;
        case 'v':
            flush();
            out += QChar(0x0b);
            break;
        case 'c':
            flush();
            if (i < t.size())
                out += QChar(t.at(i++).unicode() & 0x1f);
            break;
        case 'x': {
            int v = 0, n = 0;
            while (n < 2 && i < t.size() && hexValue(t.at(i)) >= 0) {
                v = v * 16 + hexValue(t.at(i++));
                ++n;
            }
            if (n == 0)
                out += QStringLiteral("\\x");
            else
                bytes += char(v);
            break;
        }
        case 'u':
        case 'U': {
            const int max = e == QLatin1Char('u') ? 4 : 8;
            uint v = 0;
            int n = 0;
            while (n < max && i < t.size() && hexValue(t.at(i)) >= 0) {
                v = v * 16 + uint(hexValue(t.at(i++)));
                ++n;
            }
            flush();
            const char32_t cp = v;
            out += QString::fromUcs4(&cp, 1);
            break;
        }
        default:
            if (e >= QLatin1Char('0') && e <= QLatin1Char('7')) {
                int v = e.unicode() - '0', n = 1;
                while (n < 3 && i < t.size() && t.at(i) >= QLatin1Char('0') && t.at(i) <= QLatin1Char('7')) {
                    v = v * 8 + (t.at(i++).unicode() - '0');
                    ++n;
                }
                bytes += char(v);
            } else if (e == QLatin1Char('\\') || e == QLatin1Char('\'') || e == QLatin1Char('"')
                || e == QLatin1Char('?')) {
                flush();
                out += e;
            } else {
                flush();
                out += QLatin1Char('\\');
                out += e;
            }
        }
    }
    flush();
    return i;
}
} // namespace

QList<QStringList> CurlImporter::splitCommands(const QString &t, QString *error)
{
    QList<QStringList> commands;
    QStringList words;
    QString word;
    bool inWord = false;
    auto endWord = [&] {
        if (inWord)
            words << word;
        word.clear();
        inWord = false;
    };
    auto endCommand = [&] {
        endWord();
        if (!words.isEmpty())
            commands << words;
        words.clear();
    };
    qsizetype i = 0;
    while (i < t.size()) {
        const QChar c = t.at(i);
        if (c == QLatin1Char('\\')) {
            if (i + 1 < t.size() && t.at(i + 1) == QLatin1Char('\n')) {
                i += 2;
                continue;
            }
            if (i + 2 < t.size() && t.at(i + 1) == QLatin1Char('\r') && t.at(i + 2) == QLatin1Char('\n')) {
                i += 3;
                continue;
            }
            if (i + 1 < t.size()) {
                word += t.at(i + 1);
                inWord = true;
            }
            i += 2;
            continue;
        }
        if (c == QLatin1Char(' ') || c == QLatin1Char('\t') || c == QLatin1Char('\r')) {
            endWord();
            ++i;
            continue;
        }
        if (c == QLatin1Char('\n') || c == QLatin1Char(';')) {
            endCommand();
            ++i;
            continue;
        }
        if (c == QLatin1Char('&') || c == QLatin1Char('|')) {
            endCommand();
            i += (i + 1 < t.size() && t.at(i + 1) == c) ? 2 : 1;
            continue;
        }
        if (c == QLatin1Char('#') && !inWord) {
            while (i < t.size() && t.at(i) != QLatin1Char('\n'))
                ++i;
            continue;
        }
        if (c == QLatin1Char('\'')) {
            const qsizetype end = t.indexOf(QLatin1Char('\''), i + 1);
            if (end < 0) {
                *error = QStringLiteral("unterminated ' quote at offset %1").arg(i);
                return commands;
            }
            word += t.mid(i + 1, end - i - 1);
            inWord = true;
            i = end + 1;
            continue;
        }
        if (c == QLatin1Char('$') && i + 1 < t.size() && t.at(i + 1) == QLatin1Char('\'')) {
            bool closed = false;
            const qsizetype start = i;
            i = readAnsiC(t, i + 2, word, &closed);
            inWord = true;
            if (!closed) {
                *error = QStringLiteral("unterminated $' quote at offset %1").arg(start);
                return commands;
            }
            continue;
        }
        if (c == QLatin1Char('"')) {
            qsizetype j = i + 1;
            bool closed = false;
            while (j < t.size()) {
                const QChar d = t.at(j);
                if (d == QLatin1Char('"')) {
                    closed = true;
                    ++j;
                    break;
                }
                if (d == QLatin1Char('\\') && j + 1 < t.size()) {
                    const QChar e = t.at(j + 1);
                    if (e == QLatin1Char('\n')) {
                        j += 2;
                        continue;
                    }
                    if (e == QLatin1Char('"') || e == QLatin1Char('\\') || e == QLatin1Char('$')
                        || e == QLatin1Char('`')) {
                        word += e;
                        j += 2;
                        continue;
                    }
                }
                word += d;
                ++j;
            }
            if (!closed) {
                *error = QStringLiteral("unterminated \" quote at offset %1").arg(i);
                return commands;
            }
            inWord = true;
            i = j;
            continue;
        }
        word += c;
        inWord = true;
        ++i;
    }
    endCommand();
    return commands;
}

namespace {
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

const QSet<QString> &valueOptions()
{
    static const QSet<QString> s { QStringLiteral("request"), QStringLiteral("header"), QStringLiteral("data"),
        QStringLiteral("data-ascii"), QStringLiteral("data-raw"), QStringLiteral("data-binary"),
        QStringLiteral("data-urlencode"), QStringLiteral("json"), QStringLiteral("form"), QStringLiteral("form-string"),
        QStringLiteral("user"), QStringLiteral("url"), QStringLiteral("user-agent"), QStringLiteral("referer"),
        QStringLiteral("cookie"), QStringLiteral("output"), QStringLiteral("max-time"),
        QStringLiteral("connect-timeout"), QStringLiteral("proxy"), QStringLiteral("cookie-jar"),
        QStringLiteral("cert"), QStringLiteral("key"), QStringLiteral("cacert"), QStringLiteral("resolve"),
        QStringLiteral("connect-to"), QStringLiteral("write-out"), QStringLiteral("retry"),
        QStringLiteral("limit-rate"), QStringLiteral("range"), QStringLiteral("upload-file"),
        QStringLiteral("oauth2-bearer"), QStringLiteral("proxy-user"), QStringLiteral("interface"),
        QStringLiteral("max-redirs"), QStringLiteral("config"), QStringLiteral("unix-socket"),
        QStringLiteral("aws-sigv4"), QStringLiteral("dump-header"), QStringLiteral("trace"),
        QStringLiteral("trace-ascii"), QStringLiteral("request-target"), QStringLiteral("continue-at"),
        QStringLiteral("time-cond"), QStringLiteral("stderr") };
    return s;
}

QString longName(QChar shortOption)
{
    switch (shortOption.unicode()) {
    case 'X': return QStringLiteral("request");
    case 'H': return QStringLiteral("header");
    case 'd': return QStringLiteral("data");
    case 'F': return QStringLiteral("form");
    case 'u': return QStringLiteral("user");
    case 'A': return QStringLiteral("user-agent");
    case 'e': return QStringLiteral("referer");
    case 'b': return QStringLiteral("cookie");
    case 'o': return QStringLiteral("output");
    case 'm': return QStringLiteral("max-time");
    case 'x': return QStringLiteral("proxy");
    case 'T': return QStringLiteral("upload-file");
    case 'r': return QStringLiteral("range");
    case 'w': return QStringLiteral("write-out");
    case 'E': return QStringLiteral("cert");
    case 'K': return QStringLiteral("config");
    case 'c': return QStringLiteral("cookie-jar");
    case 'U': return QStringLiteral("proxy-user");
    case 'D': return QStringLiteral("dump-header");
    case 'C': return QStringLiteral("continue-at");
    case 'z': return QStringLiteral("time-cond");
    case 'G': return QStringLiteral("get");
    case 'I': return QStringLiteral("head");
    case 'L': return QStringLiteral("location");
    case 'k': return QStringLiteral("insecure");
    case 's': return QStringLiteral("silent");
    case 'S': return QStringLiteral("show-error");
    case 'v': return QStringLiteral("verbose");
    case 'i': return QStringLiteral("include");
    case 'f': return QStringLiteral("fail");
    case 'g': return QStringLiteral("globoff");
    case 'N': return QStringLiteral("no-buffer");
    case 'O': return QStringLiteral("remote-name");
    case 'J': return QStringLiteral("remote-header-name");
    case 'n': return QStringLiteral("netrc");
    case '#': return QStringLiteral("progress-bar");
    case 'q': return QStringLiteral("disable");
    case '0': return QStringLiteral("http1.0");
    case '4': return QStringLiteral("ipv4");
    case '6': return QStringLiteral("ipv6");
    default: return {};
    }
}

// Options that only change what curl prints or where: nothing to carry over.
const QSet<QString> &outputOptions()
{
    static const QSet<QString> s { QStringLiteral("silent"), QStringLiteral("show-error"), QStringLiteral("verbose"),
        QStringLiteral("include"), QStringLiteral("fail"), QStringLiteral("output"), QStringLiteral("no-buffer"),
        QStringLiteral("remote-name"), QStringLiteral("remote-header-name"), QStringLiteral("progress-bar"),
        QStringLiteral("write-out"), QStringLiteral("globoff"), QStringLiteral("dump-header"), QStringLiteral("trace"),
        QStringLiteral("trace-ascii"), QStringLiteral("stderr"), QStringLiteral("fail-with-body"),
        QStringLiteral("no-progress-meter"), QStringLiteral("http1.1"), QStringLiteral("disable"),
        QStringLiteral("ipv4"), QStringLiteral("ipv6") };
    return s;
}

void parseCommand(const QStringList &args, int number, ImportResult &result, HttpFile &file)
{
    const QString item = QStringLiteral("command %1").arg(number);
    auto issue = [&](const QString &what, const QString &why) { result.issues.append({ item, what, why }); };

    QString method;
    QStringList urls;
    QList<HeaderLine> headers;
    QStringList dataParts;
    QString dataFile;
    bool dataFromFile = false;
    QList<FormPart> form;
    bool get = false, head = false, follow = false, insecure = false, jsonData = false;
    QString uploadFile, timeout;
    QStringList ignored;

    auto addHeader = [&](const QString &name, const QString &value) { headers.append({ name, value, 0 }); };
    auto handle = [&](const QString &opt, const QString &value, const QString &shown) {
        if (opt == QLatin1String("request")) {
            method = value;
        } else if (opt == QLatin1String("header")) {
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
                issue(shown,
                    QStringLiteral("curl removes an internal header given with an empty value; nothing to carry over"));
                return;
            }
            addHeader(value.left(colon).trimmed(), v);
        } else if (opt == QLatin1String("data") || opt == QLatin1String("data-ascii")
            || opt == QLatin1String("data-binary") || opt == QLatin1String("json")) {
            if (opt == QLatin1String("json"))
                jsonData = true;
            if (value.startsWith(QLatin1Char('@'))) {
                dataFromFile = true;
                dataFile = value.mid(1);
                if (opt == QLatin1String("data") || opt == QLatin1String("data-ascii"))
                    issue(shown, QStringLiteral("curl strips line breaks from a -d @file; the file is sent as is"));
                dataParts << QString();
            } else {
                dataParts << value;
            }
        } else if (opt == QLatin1String("data-raw")) {
            dataParts << value;
        } else if (opt == QLatin1String("data-urlencode")) {
            const qsizetype at = value.indexOf(QLatin1Char('@'));
            if (at >= 0 && !value.left(at).contains(QLatin1Char('=')))
                issue(shown, QStringLiteral("content from a file is not read at import; left as written"));
            dataParts << urlEncodeData(value);
        } else if (opt == QLatin1String("form") || opt == QLatin1String("form-string")) {
            const qsizetype eq = value.indexOf(QLatin1Char('='));
            if (eq <= 0) {
                issue(shown, QStringLiteral("not a name=value form field"));
                return;
            }
            FormPart part;
            part.name = value.left(eq);
            QString v = value.mid(eq + 1);
            if (opt == QLatin1String("form")) {
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
            form << part;
        } else if (opt == QLatin1String("user")) {
            const qsizetype colon = value.indexOf(QLatin1Char(':'));
            if (colon < 0) {
                issue(shown,
                    QStringLiteral("no password given (curl would prompt); sent as user with an empty password"));
            }
            const QString user = colon < 0 ? value : value.left(colon);
            const QString pass = colon < 0 ? QString() : value.mid(colon + 1);
            if (value.contains(QLatin1String("{{")))
                addHeader(QStringLiteral("Authorization"), QStringLiteral("Basic %1 %2").arg(user, pass));
            else
                addHeader(QStringLiteral("Authorization"),
                    QStringLiteral("Basic ")
                        + QString::fromLatin1((user + QLatin1Char(':') + pass).toUtf8().toBase64()));
        } else if (opt == QLatin1String("oauth2-bearer")) {
            addHeader(QStringLiteral("Authorization"), QStringLiteral("Bearer ") + value);
        } else if (opt == QLatin1String("url")) {
            urls << value;
        } else if (opt == QLatin1String("user-agent")) {
            addHeader(QStringLiteral("User-Agent"), value);
        } else if (opt == QLatin1String("referer")) {
            addHeader(QStringLiteral("Referer"), value.endsWith(QLatin1String(";auto")) ? value.chopped(5) : value);
        } else if (opt == QLatin1String("cookie")) {
            if (value.contains(QLatin1Char('=')))
                addHeader(QStringLiteral("Cookie"), value);
            else
                issue(shown, QStringLiteral("cookies from a file are not read at import"));
        } else if (opt == QLatin1String("get")) {
            get = true;
        } else if (opt == QLatin1String("head")) {
            head = true;
        } else if (opt == QLatin1String("location")) {
            follow = true;
        } else if (opt == QLatin1String("insecure")) {
            insecure = true;
        } else if (opt == QLatin1String("compressed")) {
            issue(shown,
                QStringLiteral(
                    "VerbScope always offers gzip, deflate, br and zstd and decodes the body; no header needed"));
        } else if (opt == QLatin1String("max-time")) {
            timeout = value;
            issue(shown, QStringLiteral("kept as @timeout, which is an inactivity timeout, not a total one"));
        } else if (opt == QLatin1String("upload-file")) {
            uploadFile = value;
        } else if (outputOptions().contains(opt)) {
            ignored << shown;
        } else {
            issue(shown, QStringLiteral("option not carried over"));
        }
    };

    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a.startsWith(QLatin1String("--")) && a.size() > 2) {
            QString opt = a.mid(2);
            QString value;
            const qsizetype eq = opt.indexOf(QLatin1Char('='));
            bool inlineValue = false;
            if (eq > 0 && valueOptions().contains(opt.left(eq))) {
                value = opt.mid(eq + 1);
                opt = opt.left(eq);
                inlineValue = true;
            }
            if (valueOptions().contains(opt) && !inlineValue) {
                if (i + 1 >= args.size()) {
                    issue(a, QStringLiteral("option needs a value"));
                    continue;
                }
                value = args.at(++i);
            }
            handle(opt, value, a);
            continue;
        }
        if (a.startsWith(QLatin1Char('-')) && a.size() > 1) {
            // Combined short flags: -sSLk, -XPOST, -HAccept:x
            for (qsizetype k = 1; k < a.size(); ++k) {
                const QString opt = longName(a.at(k));
                if (opt.isEmpty()) {
                    issue(QStringLiteral("-") + a.at(k), QStringLiteral("option not carried over"));
                    continue;
                }
                if (valueOptions().contains(opt)) {
                    QString value = a.mid(k + 1);
                    if (value.isEmpty()) {
                        if (i + 1 >= args.size()) {
                            issue(a, QStringLiteral("option needs a value"));
                            break;
                        }
                        value = args.at(++i);
                    }
                    handle(opt, value, QStringLiteral("-") + a.at(k));
                    break;
                }
                handle(opt, QString(), QStringLiteral("-") + a.at(k));
            }
            continue;
        }
        urls << a;
    }
    if (!ignored.isEmpty())
        issue(ignored.join(QLatin1Char(' ')), QStringLiteral("only change curl's own output; nothing to carry over"));
    if (urls.isEmpty()) {
        issue(QStringLiteral("URL"), QStringLiteral("no URL in this command; no request made"));
        return;
    }

    auto hasHeader = [&](const QString &name) {
        for (const HeaderLine &h : std::as_const(headers))
            if (h.name.compare(name, Qt::CaseInsensitive) == 0)
                return true;
        return false;
    };
    QString body;
    bool hasBody = false;
    const QString data = dataParts.join(QLatin1Char('&'));
    if (!form.isEmpty()) {
        const QString boundary = QStringLiteral("VerbScopeFormBoundary");
        QStringList lines;
        for (const FormPart &p : std::as_const(form)) {
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
        body = lines.join(QLatin1Char('\n'));
        hasBody = true;
        if (!hasHeader(QStringLiteral("Content-Type")))
            headers.append(
                { QStringLiteral("Content-Type"), QStringLiteral("multipart/form-data; boundary=") + boundary, 0 });
        if (!dataParts.isEmpty())
            issue(QStringLiteral("-d with -F"), QStringLiteral("curl refuses to mix them; the -d data was dropped"));
    } else if (!dataParts.isEmpty() && !get) {
        hasBody = true;
        if (dataFromFile && dataParts.size() == 1) {
            body = fileReference(dataFile);
        } else {
            if (dataFromFile)
                issue(QStringLiteral("-d @file"),
                    QStringLiteral("a file mixed with other -d parts cannot be referenced; its part is empty"));
            body = data;
        }
        if (jsonData) {
            if (!hasHeader(QStringLiteral("Content-Type")))
                headers.append({ QStringLiteral("Content-Type"), QStringLiteral("application/json"), 0 });
            if (!hasHeader(QStringLiteral("Accept")))
                headers.append({ QStringLiteral("Accept"), QStringLiteral("application/json"), 0 });
        } else if (!hasHeader(QStringLiteral("Content-Type"))) {
            headers.append({ QStringLiteral("Content-Type"), QStringLiteral("application/x-www-form-urlencoded"), 0 });
        }
    } else if (!uploadFile.isEmpty()) {
        hasBody = true;
        body = fileReference(uploadFile);
    }
    if (get && dataFromFile)
        issue(
            QStringLiteral("-G -d @file"), QStringLiteral("file content is not read at import; left out of the query"));

    for (QString url : std::as_const(urls)) {
        HttpRequest r;
        if (!url.contains(QLatin1String("://")))
            url.prepend(QStringLiteral("http://"));
        url.replace(QLatin1Char(' '), QStringLiteral("%20"));
        if (get && !data.isEmpty())
            url += (url.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) + data;
        r.target = url;
        r.method = !method.isEmpty() ? method
            : head                   ? QStringLiteral("HEAD")
            : get                    ? QStringLiteral("GET")
            : !uploadFile.isEmpty()  ? QStringLiteral("PUT")
            : hasBody                ? QStringLiteral("POST")
                                     : QStringLiteral("GET");
        r.headers = headers;
        r.body = body;
        r.hasBody = hasBody;
        if (!follow)
            r.directives.append({ QStringLiteral("no-redirect"), QString() });
        if (insecure)
            r.directives.append({ QStringLiteral("insecure"), QString() });
        if (!timeout.isEmpty())
            r.directives.append({ QStringLiteral("timeout"), timeout });
        file.requests.append(r);
    }
}
} // namespace

ImportResult CurlImporter::import(const QString &text, const QString &baseName)
{
    ImportResult result;
    result.format = QStringLiteral("curl");
    QString error;
    const QList<QStringList> commands = splitCommands(text, &error);
    if (!error.isEmpty())
        result.issues.append({ QStringLiteral("input"), QStringLiteral("shell syntax"),
            error + QStringLiteral("; the rest was not read") });
    HttpFile file;
    int number = 0;
    for (const QStringList &c : commands) {
        ++number;
        const QString program = QFileInfo(c.first()).fileName();
        if (program != QLatin1String("curl") && program != QLatin1String("curl.exe")) {
            result.issues.append(
                { QStringLiteral("command %1").arg(number), c.first(), QStringLiteral("not a curl command; skipped") });
            continue;
        }
        parseCommand(c, number, result, file);
    }
    if (file.requests.isEmpty()) {
        // Nothing to import: an error, and no empty file for the caller to write.
        result.error = commands.isEmpty()
            ? QStringLiteral("no curl command found")
            : QStringLiteral("no curl command found among %1 command(s)").arg(commands.size());
        return result;
    }
    result.files.append({ (baseName.isEmpty() ? QStringLiteral("curl") : baseName) + QStringLiteral(".http"), file });
    return result;
}

} // namespace verbscope::collections
