// SPDX-License-Identifier: GPL-3.0-or-later
#include "cli/ExplainCommand.h"

#include "cli/CliApp.h"
#include "core/diagnosis/Knowledge.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QRegularExpression>

#include <algorithm>

// `explain`: prints entries of resources/knowledge (through diagnosis::Knowledge) as text or JSON,
// with no network; wrap() is also used by diagnose so both commands read alike.
namespace verbscope::cli {

using diagnosis::Knowledge;
using diagnosis::MethodInfo;
using diagnosis::ServerHint;
using diagnosis::StatusInfo;

namespace {

QString yesNo(bool b)
{
    return b ? QStringLiteral("yes") : QStringLiteral("no");
}

QString yesNo(const std::optional<bool> &b)
{
    return b ? yesNo(*b) : QStringLiteral("not defined");
}

// Empty fields and sections are skipped, so a sparse knowledge entry prints no bare headings.
class Printer
{
public:
    void title(const QString &text) { m_out += text + QLatin1Char('\n'); }
    void field(const QString &name, const QString &value)
    {
        if (!value.isEmpty())
            m_out += ExplainCommand::wrap(name + QStringLiteral(": ") + value, 2, 4) + QLatin1Char('\n');
    }
    void section(const QString &heading, const QString &text)
    {
        if (text.isEmpty())
            return;
        m_out += QLatin1Char('\n') + heading + QStringLiteral(":\n") + ExplainCommand::wrap(text, 2, 2)
            + QLatin1Char('\n');
    }
    void list(const QString &heading, const QStringList &items)
    {
        if (items.isEmpty())
            return;
        m_out += QLatin1Char('\n') + heading + QStringLiteral(":\n");
        for (const QString &item : items)
            m_out += ExplainCommand::wrap(QStringLiteral("- ") + item, 2, 4) + QLatin1Char('\n');
    }
    QString text() const { return m_out; }

private:
    QString m_out;
};

QString explainStatus(const StatusInfo &s)
{
    Printer p;
    p.title(QStringLiteral("%1 %2").arg(s.code).arg(s.title));
    p.field(QStringLiteral("Reference"), s.reference);
    p.field(QStringLiteral("Class"), Knowledge::statusClassMeaning(s.code));
    p.field(QStringLiteral("Cacheable by default"),
        s.cacheableByDefault ? QStringLiteral("yes (a cache may store it without explicit freshness information)")
                             : QStringLiteral("no"));
    p.field(QStringLiteral("Cache note"), s.cacheNote);
    p.field(QStringLiteral("Also seen as"), s.aliases.join(QStringLiteral(", ")));
    p.field(QStringLiteral("Registry"), s.registryNote);
    p.section(QStringLiteral("Meaning"), s.meaning);
    p.list(QStringLiteral("Common causes"), s.commonCauses);
    p.list(QStringLiteral("What the client can do"), s.clientFixes);
    p.list(QStringLiteral("What the server can do"), s.serverFixes);
    p.section(QStringLiteral("How it relates to method support"), s.methodNotes);
    return p.text();
}

QString explainMethod(const MethodInfo &m)
{
    Printer p;
    p.title(QStringLiteral("%1 (%2)").arg(QString::fromLatin1(m.name),
        m.registered ? QStringLiteral("registered with IANA") : QStringLiteral("not registered with IANA")));
    p.field(QStringLiteral("Reference"), m.reference);
    p.field(QStringLiteral("Family"), m.family);
    p.field(QStringLiteral("Comes from"), m.origin);
    p.field(QStringLiteral("Safe"), yesNo(m.safe));
    p.field(QStringLiteral("Idempotent"), yesNo(m.idempotent));
    p.field(QStringLiteral("Cacheable"), yesNo(m.cacheable));
    p.section(QStringLiteral("Description"), m.description);
    p.section(QStringLiteral("Commonly blocked or missing"), m.commonlyBlocked);
    p.section(QStringLiteral("Notes"), m.notes);
    return p.text();
}

QString explainServer(const ServerHint &h)
{
    Printer p;
    p.title(QStringLiteral("%1 (%2, id \"%3\")").arg(h.name, h.kind, h.id));
    p.field(QStringLiteral("Behaviour checked with"), h.verifiedWith);
    QStringList recognised;
    for (const diagnosis::Fingerprint &fp : h.fingerprints) {
        if (fp.header.isEmpty())
            recognised.append(QStringLiteral("body matching /%1/").arg(fp.pattern));
        else if (fp.pattern.isEmpty())
            recognised.append(QStringLiteral("header %1 (present)").arg(QString::fromLatin1(fp.header)));
        else
            recognised.append(
                QStringLiteral("header %1 matching /%2/").arg(QString::fromLatin1(fp.header), fp.pattern));
    }
    if (recognised.isEmpty())
        recognised.append(QStringLiteral("nothing distinctive in its responses"));
    p.list(QStringLiteral("Recognised by"), recognised);

    QString typical;
    if (h.unknownMethodStatus) {
        typical = QStringLiteral("%1 %2").arg(*h.unknownMethodStatus).arg(h.unknownMethodReason);
        if (h.unknownMethodAllow)
            typical += *h.unknownMethodAllow ? QStringLiteral(", with an Allow header")
                                             : QStringLiteral(", without an Allow header");
    } else {
        typical = QStringLiteral("depends on what is behind it (it usually forwards the method)");
    }
    QStringList details = h.unknownMethodDetails;
    details.prepend(QStringLiteral("Typical answer: ") + typical + QLatin1Char('.'));
    p.list(QStringLiteral("Unsupported or unknown methods"), details);
    p.list(QStringLiteral("Enabling a method"), h.enableMethod);
    p.section(QStringLiteral("Method override conventions"),
        h.overrides.isEmpty() ? QStringLiteral("none built in") : h.overrides.join(QStringLiteral(", ")));
    p.section(QStringLiteral("Notes"), h.upgradeNotes);
    return p.text();
}

void printJson(QJsonObject object, const char *kind, const QString &note = {})
{
    object.insert(QStringLiteral("kind"), QLatin1String(kind));
    if (!note.isEmpty())
        object.insert(QStringLiteral("note"), note);
    writeOut(QJsonDocument(object).toJson(QJsonDocument::Indented));
}

QString didYouMean(const QString &topic)
{
    const QStringList matches = ExplainCommand::closeMatches(topic);
    if (matches.isEmpty())
        return QStringLiteral("Run 'verbscope-cli explain --list' to see every topic.\n");
    QString list = matches.first();
    for (qsizetype i = 1; i < matches.size(); ++i)
        list += (i + 1 == matches.size() ? QStringLiteral(" or ") : QStringLiteral(", ")) + matches.at(i);
    return QStringLiteral("Did you mean %1?\n").arg(list);
}

// RFC 9110 section 15: a status code is three digits from 100 to 599, and a client treats one it
// does not know as the x00 code of its class, so an unregistered code still gets an explanation.
int unknownStatus(const QString &topic)
{
    bool ok = false;
    const int code = topic.toInt(&ok);
    if (!ok || topic.size() != 3 || code < 100 || code > 599) {
        writeErrText(
            QStringLiteral("verbscope-cli explain: \"%1\" is not an HTTP status code (three digits, 100 to 599).\n")
                .arg(topic));
        return ExitUsage;
    }
    QString text = QStringLiteral("%1 is not registered in the IANA HTTP Status Code Registry.\n").arg(code);
    text += ExplainCommand::wrap(QStringLiteral("Its class: ") + Knowledge::statusClassMeaning(code), 2, 4)
        + QLatin1Char('\n');
    if (const diagnosis::UnregisteredStatus *u = Knowledge::instance().unregisteredStatus(code)) {
        text += ExplainCommand::wrap(QStringLiteral("Seen in the wild: %1 uses %2 \"%3\": %4")
                                         .arg(u->origin)
                                         .arg(code)
                                         .arg(u->title, u->meaning),
                    2, 4)
            + QLatin1Char('\n');
    } else {
        text += ExplainCommand::wrap(
                    QStringLiteral("Clients must treat an unrecognised code like the x00 code of its class (%1).")
                        .arg(code / 100 * 100),
                    2, 4)
            + QLatin1Char('\n');
    }
    writeErrText(QStringLiteral("verbscope-cli explain: ") + text);
    return ExitUsage;
}

QString listTopics()
{
    const Knowledge &k = Knowledge::instance();
    QStringList codes;
    for (const StatusInfo &s : k.statuses())
        codes.append(QString::number(s.code));
    QStringList registered;
    QStringList wild;
    for (const MethodInfo &m : k.methods())
        (m.registered ? registered : wild).append(QString::fromLatin1(m.name));
    QStringList servers;
    for (const ServerHint &h : k.servers())
        servers.append(h.id);
    QString out;
    out += QStringLiteral("Status codes (IANA):\n") + ExplainCommand::wrap(codes.join(QLatin1Char(' ')), 2, 2)
        + QLatin1Char('\n');
    out += QStringLiteral("Methods (IANA):\n") + ExplainCommand::wrap(registered.join(QLatin1Char(' ')), 2, 2)
        + QLatin1Char('\n');
    out += QStringLiteral("Methods met in the wild:\n") + ExplainCommand::wrap(wild.join(QLatin1Char(' ')), 2, 2)
        + QLatin1Char('\n');
    out += QStringLiteral("Servers, proxies, CDNs, frameworks:\n")
        + ExplainCommand::wrap(servers.join(QLatin1Char(' ')), 2, 2) + QLatin1Char('\n');
    return out;
}

} // namespace

// Breaks only between words: a word longer than the width (a URL) stays whole on its own line.
QString ExplainCommand::wrap(const QString &text, int firstIndent, int indent, int width)
{
    QString out;
    QString line = QString(firstIndent, QLatin1Char(' '));
    bool lineHasWord = false;
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &word : words) {
        if (lineHasWord && line.size() + 1 + word.size() > width) {
            out += line + QLatin1Char('\n');
            line = QString(indent, QLatin1Char(' '));
            lineHasWord = false;
        }
        if (lineHasWord)
            line += QLatin1Char(' ');
        line += word;
        lineHasWord = true;
    }
    return out + line;
}

// The allowed edit distance grows with the input's length, so a short input only suggests
// one-letter slips (GTE → GET) while a long server name may be further off.
QStringList ExplainCommand::closeMatches(const QString &input)
{
    const Knowledge &k = Knowledge::instance();
    const QString needle = input.toUpper();
    QStringList candidates;
    for (const MethodInfo &m : k.methods())
        candidates.append(QString::fromLatin1(m.name));
    for (const ServerHint &h : k.servers())
        candidates.append(h.id);
    for (const StatusInfo &s : k.statuses())
        candidates.append(QString::number(s.code));
    const int limit = needle.size() <= 4 ? 1 : needle.size() <= 8 ? 2 : 3;
    QList<std::pair<int, QString>> scored;
    for (const QString &c : candidates) {
        const QString upper = c.toUpper();
        int distance = diagnosis::editDistance(needle, upper);
        if (distance > limit && needle.size() >= 3 && upper.startsWith(needle))
            distance = limit; // a prefix of a long name is a good guess too
        if (distance <= limit && upper != needle)
            scored.append({ distance, c });
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    QStringList out;
    for (const auto &[distance, name] : scored) {
        Q_UNUSED(distance)
        if (out.size() == 3)
            break;
        out.append(name);
    }
    return out;
}

CommandLine ExplainCommand::commandLine()
{
    CommandLine c;
    c.description = QStringLiteral("Explain a status code, a method or a server from VerbScope's knowledge base.");
    c.positionals.append({ QStringLiteral("TOPIC"),
        QStringLiteral("A status code (405), a method (PROPFIND, PURGE) or a server id (nginx, squid, cloudfront).") });
    c.options += QList<QCommandLineOption> {
        { QStringLiteral("json"), QStringLiteral("Print the knowledge entry as JSON.") },
        { QStringLiteral("list"), QStringLiteral("List every topic that can be explained.") },
    };
    return c;
}

// Lookup order: digits are status codes, then the exact method (methods are case-sensitive, RFC 9110
// section 9.1), then a server id or name, and last the method spelled in another case, with a note.
int ExplainCommand::run(const QStringList &arguments)
{
    QCommandLineParser p;
    if (const int early = commandLine().parse(p, QStringLiteral("explain"), arguments); early >= 0)
        return early;
    if (p.isSet(QStringLiteral("list"))) {
        writeOut(listTopics().toUtf8());
        return ExitOk;
    }
    const QStringList positional = p.positionalArguments();
    if (positional.size() != 1) {
        writeErrText(
            QStringLiteral("verbscope-cli explain: expected one topic (a status code, a method or a server), got %1\n")
                .arg(positional.size()));
        return ExitUsage;
    }
    const QString topic = positional.first();
    const bool json = p.isSet(QStringLiteral("json"));
    const Knowledge &k = Knowledge::instance();

    static const QRegularExpression digits(QStringLiteral("^[0-9]+$"));
    if (digits.match(topic).hasMatch()) {
        const StatusInfo *s = k.status(topic.toInt());
        if (!s || topic.size() != 3)
            return unknownStatus(topic);
        if (json)
            printJson(s->raw, "status");
        else
            writeOut(explainStatus(*s).toUtf8());
        return ExitOk;
    }

    const diagnosis::MethodLookup exact = k.method(topic.toLatin1());
    if (exact.info && !exact.caseInsensitive) {
        if (json)
            printJson(exact.info->raw, "method");
        else
            writeOut(explainMethod(*exact.info).toUtf8());
        return ExitOk;
    }
    const ServerHint *server = k.server(topic);
    if (!server) {
        for (const ServerHint &h : k.servers())
            if (h.name.compare(topic, Qt::CaseInsensitive) == 0)
                server = &h;
    }
    if (server) {
        if (json)
            printJson(server->raw, "server");
        else
            writeOut(explainServer(*server).toUtf8());
        return ExitOk;
    }
    if (exact.info) {
        const QString note = QStringLiteral(
            "Methods are case-sensitive: \"%1\" is not \"%2\". Many servers treat the "
            "other spelling as an unknown method (Apache and Python answer 501, nginx and Node.js 400).")
                                 .arg(topic, QString::fromLatin1(exact.info->name));
        if (json) {
            printJson(exact.info->raw, "method", note);
        } else {
            writeOut((ExplainCommand::wrap(QStringLiteral("Note: ") + note, 0, 2) + QStringLiteral("\n\n")).toUtf8());
            writeOut(explainMethod(*exact.info).toUtf8());
        }
        return ExitOk;
    }
    writeErrText(
        ExplainCommand::wrap(QStringLiteral("verbscope-cli explain: \"%1\" is not a status code, method or server "
                                            "VerbScope knows.")
                                 .arg(topic),
            0, 2)
        + QLatin1Char('\n') + didYouMean(topic));
    return ExitUsage;
}

} // namespace verbscope::cli
