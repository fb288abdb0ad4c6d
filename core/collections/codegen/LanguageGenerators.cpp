// SPDX-License-Identifier: GPL-3.0-or-later
// The programming-language targets; each quotes for its own string syntax.
#include "core/collections/codegen/Generators.h"

#include <QSet>

namespace verbscope::codegen {

using http::RequestSpec;

namespace {
QString latin(const QByteArray &b)
{
    return QString::fromLatin1(b);
}

QStringList duplicateNames(const http::HeaderList &headers)
{
    QStringList out;
    QSet<QByteArray> seen;
    for (const http::Header &h : headers) {
        const QByteArray key = h.name.toLower();
        if (seen.contains(key) && !out.contains(latin(h.name), Qt::CaseInsensitive))
            out << latin(h.name);
        seen.insert(key);
    }
    return out;
}

// One field per name, in first-seen order, values joined with ", ": for targets whose header
// container is a map.
QList<QPair<QByteArray, QByteArray>> joinedByName(const http::HeaderList &headers)
{
    QList<QPair<QByteArray, QByteArray>> out;
    for (const http::Header &h : headers) {
        auto it = std::find_if(
            out.begin(), out.end(), [&](const auto &o) { return o.first.compare(h.name, Qt::CaseInsensitive) == 0; });
        if (it == out.end())
            out.append({ h.name, h.value });
        else
            it->second += ", " + h.value;
    }
    return out;
}

bool isAscii(const QByteArray &b)
{
    for (const char c : b)
        if (static_cast<uchar>(c) >= 0x80)
            return false;
    return true;
}
} // namespace

// ---- Python requests (with urllib3 1.26 or 2.x) ----------------------------------------------

QString PythonGenerator::id() const
{
    return QStringLiteral("python");
}
QString PythonGenerator::label() const
{
    return QStringLiteral("P&ython requests");
}
QString PythonGenerator::commentPrefix() const
{
    return QStringLiteral("# ");
}

QString PythonGenerator::generate(const RequestSpec &spec, QStringList *notes) const
{
    QStringList n;
    const QStringList dups = duplicateNames(spec.headers);
    if (!dups.isEmpty())
        n << QStringLiteral("requests keeps one value per header name: %1 sent once, values joined with \", \"")
                 .arg(dups.join(QStringLiteral(", ")));
    QString s = quote::comments(commentPrefix(), n);
    s += QStringLiteral("import requests\nfrom urllib3.util import SKIP_HEADER\n\n");
    s += QStringLiteral("url = %1\n").arg(quote::pythonStr(spec.url));
    // Header values as bytes: http.client would encode str values as Latin-1.
    s += QStringLiteral("headers = {\n");
    for (const auto &[name, value] : joinedByName(spec.headers))
        s += QStringLiteral("    %1: %2,\n")
                 .arg(quote::pythonStr(latin(name)),
                     isAscii(value) ? quote::pythonStr(latin(value)) : quote::pythonBytes(value));
    // urllib3 would add User-Agent and Accept-Encoding: skipped unless the request has them.
    for (const char *added : { "User-Agent", "Accept-Encoding" })
        if (!http::hasHeader(spec.headers, added))
            s += QStringLiteral("    '%1': SKIP_HEADER,\n").arg(QLatin1String(added));
    s += QStringLiteral("}\n");
    if (!spec.bodyFile.isEmpty())
        s += QStringLiteral("with open(%1, 'rb') as f:\n    body = f.read()\n").arg(quote::pythonStr(spec.bodyFile));
    else
        s += QStringLiteral("body = %1\n").arg(spec.hasBody ? quote::pythonBytes(spec.body) : QStringLiteral("None"));
    s += QStringLiteral("\nsession = requests.Session()\n"
                        "session.headers.clear()  # no User-Agent, Accept, Accept-Encoding or Connection of its own\n");
    s += QStringLiteral("prepared = session.prepare_request(requests.Request(%1, url, headers=headers, data=body))\n")
             .arg(quote::pythonStr(latin(spec.method)));
    if (spec.method.toUpper() != spec.method)
        s += QStringLiteral("prepared.method = %1  # requests upper-cases the method\n")
                 .arg(quote::pythonStr(latin(spec.method)));
    s += QStringLiteral("prepared.url = url  # as typed: requests would re-quote it\n");
    if (!spec.hasBody && !http::hasHeader(spec.headers, "Content-Length"))
        s += QStringLiteral("prepared.headers.pop('Content-Length', None)  # requests adds 0 for a method other than "
                            "GET or HEAD\n");
    s += QStringLiteral("response = session.send(prepared, allow_redirects=%1, verify=%2)\n")
             .arg(spec.options.redirects == http::RedirectMode::Follow ? QStringLiteral("True")
                                                                       : QStringLiteral("False"),
                 spec.options.verifyTls ? QStringLiteral("True") : QStringLiteral("False"));
    s += QStringLiteral("print(response.status_code, response.reason)\nprint(response.text)\n");
    if (notes)
        *notes += n;
    return s;
}

// ---- JavaScript fetch --------------------------------------------------------------------------

QString FetchGenerator::id() const
{
    return QStringLiteral("fetch");
}
QString FetchGenerator::label() const
{
    return QStringLiteral("JavaScript &fetch");
}
QString FetchGenerator::commentPrefix() const
{
    return QStringLiteral("// ");
}

QString FetchGenerator::generate(const RequestSpec &spec, QStringList *notes) const
{
    QStringList n;
    static const QList<QByteArray> normalised { "DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT" };
    static const QList<QByteArray> forbidden { "CONNECT", "TRACE", "TRACK" };
    if (forbidden.contains(spec.method.toUpper()))
        n << QStringLiteral("fetch refuses the method %1 (a forbidden method)").arg(latin(spec.method));
    else if (normalised.contains(spec.method.toUpper()) && spec.method.toUpper() != spec.method)
        n << QStringLiteral("fetch upper-cases %1 to %2").arg(latin(spec.method), latin(spec.method.toUpper()));
    if (!duplicateNames(spec.headers).isEmpty())
        n << QStringLiteral("fetch joins headers of the same name into one, with \", \"");
    n << QStringLiteral("browsers refuse some headers in fetch (Host, Connection, Content-Length, Cookie…)");
    QString s = quote::comments(commentPrefix(), n);
    s += QStringLiteral("const response = await fetch(%1, {\n").arg(quote::jsString(spec.url));
    s += QStringLiteral("  method: %1,\n").arg(quote::jsString(latin(spec.method)));
    s += QStringLiteral("  headers: [\n");
    for (const http::Header &h : spec.headers)
        s += QStringLiteral("    [%1, %2],\n").arg(quote::jsLatin1(h.name), quote::jsLatin1(h.value));
    s += QStringLiteral("  ],\n");
    if (!spec.bodyFile.isEmpty())
        s += QStringLiteral("  body: await (await import('node:fs/promises')).readFile(%1),\n")
                 .arg(quote::jsString(spec.bodyFile));
    else if (spec.hasBody && quote::needsBytes(spec.body))
        s += QStringLiteral("  body: Uint8Array.from(atob(%1), (c) => c.charCodeAt(0)),\n")
                 .arg(quote::jsString(QString::fromLatin1(spec.body.toBase64())));
    else if (spec.hasBody)
        s += QStringLiteral("  body: %1,\n").arg(quote::jsString(QString::fromUtf8(spec.body)));
    s += QStringLiteral("  redirect: %1,\n})\n")
             .arg(spec.options.redirects == http::RedirectMode::Follow ? QStringLiteral("'follow'")
                                                                       : QStringLiteral("'manual'"));
    s += QStringLiteral("console.log(response.status, await response.text())\n");
    if (notes)
        *notes += n;
    return s;
}

// ---- Node http (core module) -----------------------------------------------------------------

QString NodeGenerator::id() const
{
    return QStringLiteral("node");
}
QString NodeGenerator::label() const
{
    return QStringLiteral("&Node http");
}
QString NodeGenerator::commentPrefix() const
{
    return QStringLiteral("// ");
}

QString NodeGenerator::generate(const RequestSpec &spec, QStringList *notes) const
{
    QStringList n;
    if (spec.method.toUpper() != spec.method)
        n << QStringLiteral("Node's http upper-cases the method: it sends %1, not %2")
                 .arg(latin(spec.method.toUpper()), latin(spec.method));
    const bool https = spec.url.startsWith(QLatin1String("https:"), Qt::CaseInsensitive);
    if (spec.options.redirects == http::RedirectMode::Follow)
        n << QStringLiteral("Node's http does not follow redirects");
    QString s;
    s += QStringLiteral("const %1 = require('node:%1');\n")
             .arg(https ? QStringLiteral("https") : QStringLiteral("http"));
    if (!spec.bodyFile.isEmpty())
        s += QStringLiteral("const body = require('node:fs').readFileSync(%1);\n").arg(quote::jsString(spec.bodyFile));
    else if (spec.hasBody)
        s += QStringLiteral("const body = Buffer.from(%1, 'base64'); // %2 bytes\n")
                 .arg(quote::jsString(QString::fromLatin1(spec.body.toBase64())))
                 .arg(spec.body.size());
    // A flat [name, value, …] list keeps order, case and duplicates; Node then adds no Host.
    s += QStringLiteral("const headers = [\n");
    if (!http::hasHeader(spec.headers, "Host"))
        s += QStringLiteral("  'Host', %1,\n").arg(quote::jsString(latin(quote::hostOf(spec.url))));
    for (const http::Header &h : spec.headers)
        s += QStringLiteral("  %1, %2,\n").arg(quote::jsLatin1(h.name), quote::jsLatin1(h.value));
    static const QList<QByteArray> noBodyMethods { "GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "CONNECT" };
    if (spec.hasBody && !http::hasHeader(spec.headers, "Content-Length")) {
        s += QStringLiteral("  'Content-Length', String(body.length),\n");
    } else if (!spec.hasBody && !http::hasHeader(spec.headers, "Content-Length")
        && !noBodyMethods.contains(spec.method.toUpper())) {
        // Else Node frames "no body" as an empty chunked body for this method.
        n << QStringLiteral("Node would send %1 without a body as chunked: the snippet sends Content-Length: 0")
                 .arg(latin(spec.method));
        s += QStringLiteral("  'Content-Length', '0',\n");
    }
    s += QStringLiteral("];\n");
    s += QStringLiteral("const request = %1.request(%2, { method: %3, headers%4 }, (response) => {\n"
                        "  console.log(response.statusCode, response.statusMessage);\n"
                        "  response.pipe(process.stdout);\n"
                        "});\n")
             .arg(https ? QStringLiteral("https") : QStringLiteral("http"), quote::jsString(spec.url),
                 quote::jsString(latin(spec.method)),
                 spec.options.verifyTls ? QString() : QStringLiteral(", rejectUnauthorized: false"));
    s += spec.hasBody ? QStringLiteral("request.end(body);\n") : QStringLiteral("request.end();\n");
    if (notes)
        *notes += n;
    return quote::comments(commentPrefix(), n) + s;
}

// ---- Go net/http (standard library only) -----------------------------------------------------

QString GoGenerator::id() const
{
    return QStringLiteral("go");
}
QString GoGenerator::label() const
{
    return QStringLiteral("&Go net/http");
}
QString GoGenerator::commentPrefix() const
{
    return QStringLiteral("// ");
}

QString GoGenerator::generate(const RequestSpec &spec, QStringList *notes) const
{
    QStringList n;
    if (spec.headers.size() > 1)
        n << QStringLiteral("Go writes headers sorted by name (same-name lines keep their order)");
    QString s = quote::comments(commentPrefix(), n);
    const bool file = !spec.bodyFile.isEmpty();
    s += QStringLiteral("package main\n\nimport (\n");
    if (spec.hasBody)
        s += QStringLiteral("\t\"bytes\"\n");
    s += QStringLiteral("\t\"crypto/tls\"\n\t\"fmt\"\n\t\"io\"\n\t\"net/http\"\n\t\"os\"\n)\n\nfunc main() {\n");
    if (file)
        s += QStringLiteral("\tbody, err := os.ReadFile(%1)\n\tif err != nil {\n\t\tpanic(err)\n\t}\n")
                 .arg(quote::goString(spec.bodyFile.toUtf8()));
    else if (spec.hasBody)
        s += QStringLiteral("\tbody := []byte(%1)\n").arg(quote::goString(spec.body));
    s += QStringLiteral("\tvar reader io.Reader\n");
    if (spec.hasBody)
        s += QStringLiteral("\treader = bytes.NewReader(body)\n");
    s += QStringLiteral("\treq, err := http.NewRequest(%1, %2, reader)\n\tif err != nil {\n\t\tpanic(err)\n\t}\n")
             .arg(quote::goString(spec.method), quote::goString(spec.url.toUtf8()));
    s += QStringLiteral("\t// Assigned, not Add()ed: Add would canonicalise the name's case.\n");
    QList<QByteArray> names;
    QList<QStringList> values;
    for (const http::Header &h : spec.headers) {
        if (h.name.compare("Host", Qt::CaseInsensitive) == 0) {
            s += QStringLiteral("\treq.Host = %1\n").arg(quote::goString(h.value));
            continue;
        }
        const qsizetype i = names.indexOf(h.name);
        if (i < 0) {
            names << h.name;
            values << QStringList { quote::goString(h.value) };
        } else {
            values[i] << quote::goString(h.value);
        }
    }
    for (qsizetype i = 0; i < names.size(); ++i)
        s += QStringLiteral("\treq.Header[%1] = []string{%2}\n")
                 .arg(quote::goString(names.at(i)), values.at(i).join(QStringLiteral(", ")));
    if (!http::hasHeader(spec.headers, "User-Agent"))
        s += QStringLiteral("\treq.Header[\"User-Agent\"] = nil // present but empty: Go sends none of its own\n");
    s += QStringLiteral("\tclient := &http.Client{Transport: &http.Transport{\n"
                        "\t\tDisableCompression: true, // else Go adds Accept-Encoding: gzip\n");
    if (!spec.options.verifyTls)
        s += QStringLiteral("\t\tTLSClientConfig: &tls.Config{InsecureSkipVerify: true},\n");
    else
        s += QStringLiteral("\t\tTLSClientConfig: &tls.Config{},\n");
    s += QStringLiteral("\t}}\n");
    if (spec.options.redirects != http::RedirectMode::Follow)
        s += QStringLiteral("\tclient.CheckRedirect = func(*http.Request, []*http.Request) error { return "
                            "http.ErrUseLastResponse }\n");
    s += QStringLiteral("\tresp, err := client.Do(req)\n\tif err != nil {\n\t\tpanic(err)\n\t}\n"
                        "\tdefer resp.Body.Close()\n\tfmt.Println(resp.Status)\n\tio.Copy(os.Stdout, resp.Body)\n}\n");
    if (notes)
        *notes += n;
    return s;
}

// ---- PowerShell 7 Invoke-WebRequest --------------------------------------------------------

QString PowerShellGenerator::id() const
{
    return QStringLiteral("powershell");
}
QString PowerShellGenerator::label() const
{
    return QStringLiteral("&PowerShell");
}
QString PowerShellGenerator::commentPrefix() const
{
    return QStringLiteral("# ");
}

QString PowerShellGenerator::generate(const RequestSpec &spec, QStringList *notes) const
{
    QStringList n;
    static const QList<QByteArray> known { "GET", "HEAD", "POST", "PUT", "DELETE", "TRACE", "OPTIONS", "MERGE",
        "PATCH" };
    const QStringList dups = duplicateNames(spec.headers);
    if (!dups.isEmpty())
        n << QStringLiteral("a PowerShell hashtable holds one entry per name: %1 joined with \", \"")
                 .arg(dups.join(QStringLiteral(", ")));
    n << QStringLiteral("Invoke-WebRequest adds User-Agent and may re-case header names");
    QString s = quote::comments(commentPrefix(), n);
    s += QStringLiteral("$headers = [ordered]@{\n");
    for (const auto &[name, value] : joinedByName(spec.headers))
        s += QStringLiteral("    %1 = %2\n")
                 .arg(quote::powershellString(latin(name)), quote::powershellString(QString::fromUtf8(value)));
    s += QStringLiteral("}\n");
    QStringList args { QStringLiteral("Invoke-WebRequest") };
    // -Method for its enum's names in upper case; any other token, or case, through -CustomMethod.
    if (known.contains(spec.method))
        args << QStringLiteral("-Method") << latin(spec.method);
    else
        args << QStringLiteral("-CustomMethod") << quote::powershellString(latin(spec.method));
    args << QStringLiteral("-Uri") << quote::powershellString(spec.url) << QStringLiteral("-Headers")
         << QStringLiteral("$headers") << QStringLiteral("-SkipHeaderValidation");
    if (!spec.bodyFile.isEmpty()) {
        args << QStringLiteral("-InFile") << quote::powershellString(spec.bodyFile);
    } else if (spec.hasBody) {
        s += QStringLiteral("$body = [Convert]::FromBase64String('%1') # %2 bytes, exact\n")
                 .arg(QString::fromLatin1(spec.body.toBase64()))
                 .arg(spec.body.size());
        args << QStringLiteral("-Body") << QStringLiteral("$body");
    }
    if (spec.options.redirects != http::RedirectMode::Follow)
        args << QStringLiteral("-MaximumRedirection") << QStringLiteral("0");
    if (!spec.options.verifyTls)
        args << QStringLiteral("-SkipCertificateCheck");
    s += args.join(QLatin1Char(' ')) + QLatin1Char('\n');
    if (notes)
        *notes += n;
    return s;
}

// ---- C++ Qt QNetworkAccessManager ------------------------------------------------------------

QString QtGenerator::id() const
{
    return QStringLiteral("qt");
}
QString QtGenerator::label() const
{
    return QStringLiteral("C++ &Qt");
}
QString QtGenerator::commentPrefix() const
{
    return QStringLiteral("// ");
}

QString QtGenerator::generate(const RequestSpec &spec, QStringList *notes) const
{
    QStringList n;
    const QStringList dups = duplicateNames(spec.headers);
    if (!dups.isEmpty())
        n << QStringLiteral("QNetworkRequest keeps one value per header name: %1 joined with \", \"")
                 .arg(dups.join(QStringLiteral(", ")));
    n << QStringLiteral(
        "Qt adds Connection, Accept-Encoding, Accept-Language and User-Agent, and orders headers itself");
    QString s = quote::comments(commentPrefix(), n);
    s += QStringLiteral("#include <QCoreApplication>\n#include <QFile>\n#include <QNetworkAccessManager>\n"
                        "#include <QNetworkReply>\n#include <QNetworkRequest>\n#include <QTextStream>\n\n"
                        "int main(int argc, char **argv)\n{\n    QCoreApplication app(argc, argv);\n"
                        "    QNetworkAccessManager manager;\n");
    s += QStringLiteral("    QNetworkRequest request(QUrl::fromEncoded(%1));\n")
             .arg(quote::cppBytes(spec.url.toUtf8()));
    if (spec.options.redirects != http::RedirectMode::Follow)
        s += QStringLiteral("    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, "
                            "QNetworkRequest::ManualRedirectPolicy);\n");
    for (const auto &[name, value] : joinedByName(spec.headers))
        s += QStringLiteral("    request.setRawHeader(%1, %2);\n").arg(quote::cppBytes(name), quote::cppBytes(value));
    if (!spec.bodyFile.isEmpty()) {
        s += QStringLiteral("    QFile file(QString::fromUtf8(%1));\n    if (!file.open(QIODevice::ReadOnly))\n"
                            "        return 1;\n    const QByteArray body = file.readAll();\n")
                 .arg(quote::cppBytes(spec.bodyFile.toUtf8()));
    } else {
        s += QStringLiteral("    const QByteArray body = %1;\n").arg(quote::cppBytes(spec.body));
    }
    // sendCustomRequest sends the verb exactly as given, any case.
    s += QStringLiteral("    QNetworkReply *reply = manager.sendCustomRequest(request, %1%2);\n")
             .arg(quote::cppBytes(spec.method), spec.hasBody ? QStringLiteral(", body") : QString());
    if (!spec.options.verifyTls)
        s += QStringLiteral("    reply->ignoreSslErrors();\n");
    s += QStringLiteral(
        "    QObject::connect(reply, &QNetworkReply::finished, &app, [reply] {\n"
        "        QTextStream(stdout) << reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()\n"
        "                            << '\\n' << reply->readAll() << Qt::endl;\n"
        "        QCoreApplication::exit(reply->error() == QNetworkReply::NoError ? 0 : 1);\n"
        "    });\n    return app.exec();\n}\n");
    if (notes)
        *notes += n;
    return s;
}

} // namespace verbscope::codegen
