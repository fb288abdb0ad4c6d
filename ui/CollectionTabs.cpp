// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/CollectionTabs.h"

#include "core/collections/CollectionRunner.h"
#include "core/collections/CollectionTrust.h"
#include "core/collections/Environments.h"
#include "core/collections/HttpFileParser.h"
#include "core/collections/HttpFileStore.h"
#include "core/collections/RequestPipeline.h"
#include "core/collections/RequestReferences.h"
#include "core/diagnosis/Diagnoser.h"
#include "ui/HttpFileEdit.h"
#include "ui/Prompt.h"
#include "ui/RequestEditor.h"
#include "ui/RequestTab.h"
#include "ui/ResponseView.h"

#include <QDir>
#include <QFileInfo>
#include <QFileSystemWatcher>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTabWidget>
#include <QTimer>

#include <memory>
#include <optional>

// MainWindow's helper for tabs opened from a collection. A tab is tied to its request by a JSON
// binding (the keys below) that the tab keeps and tabs.json saves, so the tie survives a restart.
namespace verbscope::ui {

using namespace verbscope::collections;

namespace {
const QString FileKey = QStringLiteral("file");
const QString RootKey = QStringLiteral("root");
const QString IndexKey = QStringLiteral("index");
const QString NameKey = QStringLiteral("name");
const QString ShaKey = QStringLiteral("sha");
const QString TextKey = QStringLiteral("text"); // the request as last read or saved
const QString SavedKey = QStringLiteral("saved"); // the editor's state of that request

struct Disk {
    QString text;
    FileStamp stamp;
    HttpFile file;
    QString error;
    QString sha() const { return QString::fromLatin1(stamp.sha256.toHex()); }
};

// One read yields the text, its stamp (SHA-256) and the parse, so all three describe the same bytes.
Disk readDisk(const QString &path)
{
    Disk d;
    const HttpFileStore::Loaded loaded = HttpFileStore::read(path);
    d.text = loaded.text;
    d.stamp = loaded.stamp;
    d.error = loaded.error;
    if (loaded.stamp.exists && loaded.error.isEmpty())
        d.file = HttpFileParser::parse(loaded.text, path).file;
    return d;
}

QString nameOf(const QJsonObject &b)
{
    return b.value(NameKey).toString();
}

// A file's identity for the cache below: a save (atomic rename) or an edit changes one of them.
QString stampOf(const QString &path)
{
    const QFileInfo info(path);
    return info.exists() ? QStringLiteral("%1/%2").arg(info.lastModified().toMSecsSinceEpoch()).arg(info.size())
                         : QString();
}

// What a bound tab's request pipeline reads from disk, kept until the files change.
struct PrepareCache {
    const HttpFile &file(const QString &path)
    {
        if (const QString stamp = stampOf(path); stamp != m_fileStamp || path != m_path || stamp.isEmpty()) {
            m_file = readDisk(path).file;
            m_fileStamp = stamp;
            m_path = path;
        }
        return m_file;
    }
    const Environments &environments(const QString &root)
    {
        const QString stamp = stampOf(QDir(root).filePath(QLatin1String(Environments::PublicFile))) + QLatin1Char('|')
            + stampOf(QDir(root).filePath(QLatin1String(Environments::PrivateFile)));
        if (!m_environments || stamp != m_environmentStamp || root != m_root) {
            m_environments = Environments::load(root);
            m_environmentStamp = stamp;
            m_root = root;
        }
        return *m_environments;
    }

private:
    QString m_path;
    QString m_fileStamp;
    HttpFile m_file;
    QString m_root;
    QString m_environmentStamp;
    std::optional<Environments> m_environments;
};

struct Consent {
    QString markerDir;
    QList<LocalReference> references; // empty: nothing to ask
};

// An imported request reads nothing outside its folder, and no process variable, before the user
// allowed it (CollectionTrust): the Send button's check runs this on every keystroke, so the
// references are found first without reading, and the request is prepared in full only when
// none needs consent. `consent`, when given, receives those that do.
PreparedRequest prepareWithConsent(
    const HttpFile &file, qsizetype at, const QString &path, const RequestContext &context, Consent *consent)
{
    const CollectionTrust::Origin origin = CollectionTrust::originOf(path);
    if (origin.needsConsent()) {
        RequestContext dry = context;
        dry.resolve.readFiles = false;
        PreparedRequest prepared = RequestPipeline::prepare(file, at, path, dry);
        if (const QList<LocalReference> refs = CollectionTrust::needingConsent(origin, prepared.resolved.references);
            !refs.isEmpty()) {
            if (consent)
                *consent = { origin.markerDir, refs };
            return prepared;
        }
    }
    return RequestPipeline::prepare(file, at, path, context);
}

// Asked once per import folder: "Allow" is recorded in its marker, so `run` trusts it too, as an
// IDE remembers a trusted project.
bool askConsent(RequestTab *tab, const Consent &consent, QString *error)
{
    QStringList lines;
    for (const LocalReference &r : consent.references)
        lines << QStringLiteral("  ") + r.toString();
    const QString answer = Prompt::ask(tab, QStringLiteral("trustPrompt"), CollectionTabs::tr("Imported request"),
        CollectionTabs::tr(
            "\"%1\" was imported into %2 and would send what it reads from your computer:\n%3\n\nAllow the imported "
            "requests of this folder to read local files and the environment from now on?")
            .arg(nameOf(tab->binding()), QDir::toNativeSeparators(consent.markerDir), lines.join(QLatin1Char('\n'))),
        { { QStringLiteral("allowButton"), CollectionTabs::tr("Allow") },
            { QStringLiteral("cancelTrustButton"), CollectionTabs::tr("Cancel") } });
    if (answer != QLatin1String("allowButton"))
        return false;
    CollectionTrust::trust(consent.markerDir, error);
    return true;
}

// `# @prompt name [description]`: the names, in order, and their descriptions.
struct PromptLine {
    QString name;
    QString description;
};
QList<PromptLine> promptsOf(const HttpRequest &request)
{
    QList<PromptLine> out;
    for (const Directive &d : request.directives) {
        if (d.name != QLatin1String("prompt"))
            continue;
        const QString value = d.value.trimmed();
        const qsizetype space = value.indexOf(QLatin1Char(' '));
        const QString name = space < 0 ? value : value.left(space);
        if (!name.isEmpty())
            out.append({ name, space < 0 ? QString() : value.mid(space + 1).trimmed() });
    }
    return out;
}

bool isSecretLike(const QString &name)
{
    static const QRegularExpression re(
        QStringLiteral("pass|secret|token|key|pwd"), QRegularExpression::CaseInsensitiveOption);
    return re.match(name).hasMatch();
}

// The bound tab's request as Send would send it: the file on disk with the editor's version of
// the request in place.
struct Bound {
    RunFile file;
    qsizetype at = -1;
    const HttpRequest &request() const { return file.file.requests.at(at); }
};
} // namespace

// Watcher events are gathered for 100 ms, so an editor's save (often several writes) is handled once.
CollectionTabs::CollectionTabs(QTabWidget *tabs, NewTab newTab, QObject *parent)
    : QObject(parent)
    , m_tabs(tabs)
    , m_newTab(std::move(newTab))
    , m_watcher(new QFileSystemWatcher(this))
    , m_checkTimer(new QTimer(this))
    , m_session(std::make_shared<RunSession>())
    , m_prompted(std::make_shared<VariableMap>())
{
    m_checkTimer->setSingleShot(true);
    m_checkTimer->setInterval(100);
    connect(m_watcher, &QFileSystemWatcher::fileChanged, this, [this](const QString &path) {
        if (!m_changed.contains(path))
            m_changed << path;
        // An atomic save replaces the file, and the watch goes with the old one.
        if (QFileInfo::exists(path) && !m_watcher->files().contains(path))
            m_watcher->addPath(path);
        m_checkTimer->start();
    });
    connect(m_checkTimer, &QTimer::timeout, this, [this] { checkFiles(std::exchange(m_changed, {})); });
}

CollectionTabs::~CollectionTabs() = default;

// Each `# @prompt` is asked on every send, with the value given last time in this window.
bool CollectionTabs::askPrompts(RequestTab *tab, const QStringList &prompts)
{
    for (const QString &p : prompts) {
        const QString name = p.section(QLatin1Char(' '), 0, 0);
        const QString description = p.section(QLatin1Char(' '), 1).trimmed();
        Prompt::Input input;
        input.id = QStringLiteral("promptDialog");
        input.title = tr("Value for %1").arg(name);
        input.label = description.isEmpty() ? tr("%1:").arg(name) : description;
        input.value = m_prompted->value(name);
        input.note
            = tr("Used for {{%1}} in this send; this window remembers it and offers it again next time.").arg(name);
        input.masked = isSecretLike(name);
        const std::optional<QString> value = Prompt::input(tab, input);
        if (!value) {
            Q_EMIT message(tr("Not sent: no value given for %1").arg(name));
            return false;
        }
        m_prompted->insert(name, *value);
    }
    return true;
}

bool CollectionTabs::isBound(const RequestTab *tab)
{
    return tab && !tab->binding().isEmpty();
}

bool CollectionTabs::hasUnsavedChanges(const RequestTab *tab)
{
    return isBound(tab) && tab->isModified();
}

QList<RequestTab *> CollectionTabs::boundTabs() const
{
    QList<RequestTab *> out;
    for (int i = 0; i < m_tabs->count(); ++i)
        if (auto *t = qobject_cast<RequestTab *>(m_tabs->widget(i)); isBound(t))
            out << t;
    return out;
}

QString CollectionTabs::rootFor(const QString &file) const
{
    // The environment files sit at the collection's root: the open folder when the file is in it.
    const QString dir = QFileInfo(file).absolutePath();
    if (!m_root.isEmpty() && (dir == m_root || dir.startsWith(m_root + QLatin1Char('/'))))
        return m_root;
    return dir;
}

void CollectionTabs::watch(const QString &file)
{
    if (QFileInfo::exists(file) && !m_watcher->files().contains(file))
        m_watcher->addPath(file);
}

void CollectionTabs::setEnvironment(const QString &name)
{
    m_environment = name;
    for (RequestTab *t : boundTabs())
        applyVariables(t);
}

// keepEdits ("Keep Mine"): the file's current version becomes the tab's base (sha, text) while
// the editor keeps the user's changes, so a later save overwrites knowingly.
bool CollectionTabs::load(RequestTab *tab, const QString &file, int index, bool keepEdits)
{
    const Disk d = readDisk(file);
    if (!d.error.isEmpty() || index < 0 || index >= d.file.requests.size()) {
        Q_EMIT message(tr("Cannot open request %1 of %2: %3").arg(index + 1).arg(file, d.error));
        return false;
    }
    const HttpRequest &r = d.file.requests.at(index);
    QJsonObject b = tab->binding();
    if (!keepEdits) {
        tab->editor()->setSpec(HttpFileEdit::toSpec(r));
        b.insert(SavedKey, tab->editor()->saveState());
    }
    b.insert(FileKey, QFileInfo(file).absoluteFilePath());
    if (!b.contains(RootKey))
        b.insert(RootKey, rootFor(file));
    b.insert(IndexKey, index);
    b.insert(NameKey, r.displayName());
    b.insert(ShaKey, d.sha());
    b.insert(TextKey, HttpFileEdit::requestText(r));
    tab->setBinding(b);
    watch(file);
    applyVariables(tab);
    return true;
}

RequestTab *CollectionTabs::open(const QString &file, int index)
{
    const QString path = QFileInfo(file).absoluteFilePath();
    for (RequestTab *t : boundTabs())
        if (t->binding().value(FileKey).toString() == path && t->binding().value(IndexKey).toInt() == index) {
            m_tabs->setCurrentWidget(t);
            return t;
        }
    auto *current = qobject_cast<RequestTab *>(m_tabs->currentWidget());
    // An untouched empty tab is reused rather than left behind.
    RequestTab *t = current && !isBound(current) && current->editor()->url().isEmpty() ? current : m_newTab();
    if (!load(t, path, index, false))
        return nullptr;
    m_tabs->setCurrentWidget(t);
    return t;
}

void CollectionTabs::track(RequestTab *tab)
{
    if (!isBound(tab))
        return;
    const QJsonObject b = tab->binding();
    const QString file = b.value(FileKey).toString();
    watch(file);
    const Disk d = readDisk(file);
    const qsizetype index = HttpFileEdit::locate(d.file, b.value(IndexKey).toInt(), nameOf(b));
    // Changed on disk while the app was closed: an untouched tab follows the file.
    if (index >= 0 && d.sha() != b.value(ShaKey).toString() && !tab->isModified())
        load(tab, file, int(index), false);
    else
        applyVariables(tab);
}

// Re-run when the environment, the file or the binding changes. The environment and the file are
// read again here, so the resolver sees what `run` would see now.
void CollectionTabs::applyVariables(RequestTab *tab)
{
    const QJsonObject b = tab->binding();
    const QString file = b.value(FileKey).toString();
    const Environments environments = Environments::load(b.value(RootKey).toString(rootFor(file)));
    const VariableMap environment = environments.variables(m_environment);
    const Disk d = readDisk(file);
    const qsizetype index = HttpFileEdit::locate(d.file, b.value(IndexKey).toInt(), nameOf(b));
    const VariableMap variables = index >= 0 ? RequestResolver::variablesFor(d.file, index, environment) : environment;
    tab->editor()->setSourceText(index >= 0 ? HttpFileEdit::requestText(d.file.requests.at(index)) : QString());
    const QSet<QString> secrets = environments.secretNames();
    QSet<QString> prompts;
    if (index >= 0)
        for (const PromptLine &p : promptsOf(d.file.requests.at(index)))
            prompts.insert(p.name);
    // A `# @prompt` is asked and a request reference sent first on Send: neither makes the
    // request unsendable before that.
    tab->editor()->setResolver([variables, secrets, prompts, prompted = m_prompted](
                                   const QString &text, bool display, QStringList *unresolved) {
        VariableMap known = variables;
        for (const QString &p : prompts)
            if (prompted->contains(p))
                known.insert(p, prompted->value(p));
        QList<UnresolvedVariable> missing;
        const QString out
            = VariableResolver(known, display ? secrets : QSet<QString> {}).resolve(text, {}, 1, 1, &missing);
        if (unresolved)
            for (const UnresolvedVariable &u : std::as_const(missing))
                if (!prompts.contains(u.name) && !RequestReference::parse(u.name))
                    unresolved->append(u.name);
        return out;
    });
    // Send, Copy as curl and Copy as command go through the request pipeline, with the file as
    // it is on disk and this tab's request in place of the one it edits: the bytes `run` sends.
    tab->editor()->setBaseDirectory(QFileInfo(file).absolutePath());
    const QString root = b.value(RootKey).toString(rootFor(file));
    const QString environmentName = m_environment;
    tab->setCookieEnvironment(environmentName);
    // The Send button's check runs this on every keystroke: the file and the environment are
    // parsed again only when their size or modification time changed.
    auto cache = std::make_shared<PrepareCache>();
    auto bound = [tab, root, cache](const http::RequestSpec &edited) {
        const QJsonObject binding = tab->binding();
        Bound b;
        b.file.path = binding.value(FileKey).toString();
        b.file.relativePath = QDir(root).relativeFilePath(b.file.path);
        b.file.file = cache->file(b.file.path);
        b.at = HttpFileEdit::locate(b.file.file, binding.value(IndexKey).toInt(), nameOf(binding));
        HttpRequest original;
        if (b.at >= 0) {
            original = b.file.file.requests.at(b.at);
        } else {
            original.title = nameOf(binding);
            b.at = b.file.file.requests.size();
            b.file.file.requests.append(original);
        }
        b.file.file.requests[b.at] = HttpFileEdit::merge(original, edited);
        return b;
    };
    auto contextOf = [root, environmentName, cache, session = m_session, prompted = m_prompted](
                         const Bound &b, const http::RequestSpec &edited) {
        const Environments &environments = cache->environments(root);
        RequestContext context;
        context.environment = environments.variables(environmentName);
        // A prompt not answered yet is empty for the Send button's check; Send asks first.
        for (const PromptLine &p : promptsOf(b.request()))
            context.environment.insert(p.name, prompted->value(p.name));
        context.environmentVerifiesTls = environments.verifiesTls(environmentName);
        context.base = edited.options; // transport, proxy and the rest the file has no words for
        context.resolve.shownPath = b.file.relativePath;
        // A request not answered yet in this window is sent first (setBeforeSend): until then
        // the reference stands as written, so the Send button is not disabled by it.
        context.resolve.reference = [lookup = session->referenceLookup(b.file), session, path = b.file.path](
                                        const QString &variable, QString *value, QString *reason) {
            if (lookup(variable, value, reason))
                return true;
            if (session->answer(path, RequestReference::parse(variable)->name))
                return false;
            *value = QStringLiteral("{{%1}}").arg(variable);
            reason->clear();
            return true;
        };
        return context;
    };
    auto prepare = [bound, contextOf](const http::RequestSpec &edited, Consent *consent) {
        const Bound b = bound(edited);
        return prepareWithConsent(b.file.file, b.at, b.file.path, contextOf(b, edited), consent);
    };
    // Before the send: the prompts, then the named requests it refers to that have not answered
    // in this window, sent first by a CollectionRunner sharing the window's session (httpyac).
    tab->setBeforeSend([this, tab, bound, contextOf](const http::RequestSpec &edited, std::function<void(bool)> go) {
        const Bound first = bound(edited);
        QStringList prompts;
        for (const PromptLine &p : promptsOf(first.request()))
            prompts << p.name + QLatin1Char(' ') + p.description;
        if (!askPrompts(tab, prompts))
            return static_cast<QObject *>(nullptr);
        const Bound b = bound(edited);
        RequestContext context = contextOf(b, edited);
        QStringList needed;
        const auto lookup = m_session->referenceLookup(b.file);
        context.resolve.readFiles = false;
        context.resolve.reference = [&](const QString &variable, QString *value, QString *reason) {
            if (lookup(variable, value, reason))
                return true;
            const QString name = RequestReference::parse(variable)->name;
            if (!m_session->answer(b.file.path, name) && !needed.contains(name))
                needed << name;
            return false;
        };
        RequestPipeline::prepare(b.file.file, b.at, b.file.path, context);
        if (needed.isEmpty()) {
            go(true);
            return static_cast<QObject *>(nullptr);
        }
        RunPlan plan;
        plan.files = { b.file };
        plan.context = contextOf(b, edited);
        plan.context.resolve.reference = {};
        plan.selected = [needed](const RunFile &, const HttpRequest &r) { return needed.contains(r.name); };
        // The dependencies fill the jar the tab's own send then reads (a login's session cookie).
        m_session->setCookieJar(tab->cookieJar());
        auto *runner = new CollectionRunner(plan, m_session, tab);
        if (const QStringList problems = runner->validate(); !problems.isEmpty()) {
            Q_EMIT message(tr("Not sent: %1").arg(problems.constFirst()));
            delete runner;
            return static_cast<QObject *>(nullptr);
        }
        const QString self = b.request().displayName();
        Q_EMIT message(tr("Sending %1 first (referenced by %2)").arg(needed.join(QStringLiteral(", ")), self));
        connect(runner, &CollectionRunner::stepFinished, this, [this, runner](qsizetype index) {
            const RunStep &step = runner->steps().at(index);
            if (step.sent && step.spec.options.keepInHistory)
                Q_EMIT dependencyDiagnosed(diagnosis::Diagnoser::diagnose(step.spec, step.exchange));
        });
        connect(runner, &CollectionRunner::finished, this, [this, tab, runner, self, go] {
            runner->deleteLater();
            for (const RunStep &step : runner->steps()) {
                QString why;
                if (!step.problems.isEmpty())
                    why = step.problems.constFirst();
                else if (step.exchange.error.isError())
                    why = step.exchange.error.message;
                else if (!step.passed)
                    why = step.tests.isEmpty() ? tr("it answered %1").arg(step.exchange.response.head.status)
                                               : tr("its tests failed");
                if (!why.isEmpty()) {
                    Q_EMIT message(tr("Not sent: %1, which \"%2\" refers to, failed: %3").arg(step.name, self, why));
                    tab->response()->showTests(step);
                    go(false);
                    return;
                }
            }
            go(true);
        });
        runner->start();
        return static_cast<QObject *>(runner);
    });
    // Every answer: `??` assertions (and, through RunSession, scripts and `>>` saves), and a named
    // request's answer is remembered for the requests that refer to it.
    tab->setAfterResponse([tab, bound, session = m_session](RunStep &step) {
        const Bound b = bound(tab->editor()->templateSpec());
        step.file = b.file.relativePath;
        step.path = b.file.path;
        step.requestIndex = int(b.at);
        step.line = b.request().line;
        step.name = b.request().displayName();
        session->afterResponse(b.file, b.request(), step);
    });
    tab->setPrepare([prepare](const http::RequestSpec &edited, http::RequestSpec *out) {
        PreparedRequest prepared = prepare(edited, nullptr);
        *out = std::move(prepared.spec);
        return prepared.problems;
    });
    tab->setConsent([this, tab, prepare](const http::RequestSpec &edited) {
        Consent consent;
        prepare(edited, &consent);
        if (consent.references.isEmpty())
            return true;
        QString error;
        const bool allowed = askConsent(tab, consent, &error);
        if (!error.isEmpty())
            Q_EMIT message(tr("Allowed for this send only: %1").arg(error));
        return allowed;
    });
}

// If the file changed since the tab last saw it but this request's text did not (another request
// was edited), it saves without asking; otherwise it asks before overwriting. HttpFileStore::save
// checks the stamp once more, so a change made during the question is not lost either.
bool CollectionTabs::save(RequestTab *tab)
{
    if (!isBound(tab))
        return false;
    QJsonObject b = tab->binding();
    const QString path = b.value(FileKey).toString();
    const Disk d = readDisk(path);
    if (d.stamp.exists && !d.error.isEmpty()) {
        Q_EMIT message(tr("Not saved: %1").arg(d.error));
        return false;
    }
    const qsizetype index = HttpFileEdit::locate(d.file, b.value(IndexKey).toInt(), nameOf(b));
    if (d.stamp.exists && d.sha() != b.value(ShaKey).toString()) {
        const bool untouched
            = index >= 0 && HttpFileEdit::requestText(d.file.requests.at(index)) == b.value(TextKey).toString();
        if (!untouched
            && Prompt::ask(tab, QStringLiteral("conflictPrompt"), tr("Changed on disk"),
                   tr("\"%1\" in %2 was changed by another program since you opened it. Overwrite it with yours?")
                       .arg(nameOf(b), QDir::toNativeSeparators(path)),
                   { { QStringLiteral("overwriteButton"), tr("Overwrite") },
                       { QStringLiteral("cancelSaveButton"), tr("Cancel") } })
                != QLatin1String("overwriteButton"))
            return false;
    }
    HttpRequest original;
    if (index >= 0)
        original = d.file.requests.at(index);
    else
        original.title = nameOf(b);
    const HttpRequest merged = HttpFileEdit::merge(original, tab->editor()->templateSpec());
    const QString text
        = index >= 0 ? HttpFileEdit::replace(d.text, d.file, index, merged) : HttpFileEdit::append(d.text, merged);
    // A value that would split the request (a body line "###"…) is refused, not saved as a comment.
    const qsizetype count = d.file.requests.size() + (index >= 0 ? 0 : 1);
    if (const QString why = HttpFileEdit::verifySaved(text, count, index >= 0 ? index : count - 1, merged);
        !why.isEmpty()) {
        Q_EMIT message(tr("Not saved: %1").arg(why));
        return false;
    }
    const HttpFileStore::Saved saved = HttpFileStore::save(path, text.toUtf8(), d.stamp);
    if (saved.status != HttpFileStore::SaveStatus::Saved) {
        Q_EMIT message(tr("Not saved to %1: %2").arg(QDir::toNativeSeparators(path), saved.error));
        return false;
    }
    const qsizetype newIndex = index >= 0 ? index : HttpFileParser::parse(text, path).file.requests.size() - 1;
    b.insert(IndexKey, int(newIndex));
    b.insert(NameKey, merged.displayName());
    b.insert(ShaKey, QString::fromLatin1(saved.stamp.sha256.toHex()));
    b.insert(TextKey, HttpFileEdit::requestText(merged));
    b.insert(SavedKey, tab->editor()->saveState());
    tab->setBinding(b);
    watch(path);
    Q_EMIT message(tr("Saved \"%1\" to %2").arg(merged.displayName(), QDir::toNativeSeparators(path)));
    return true;
}

// Always appends a new request named `name` and binds the tab to it; nothing in the file is replaced.
bool CollectionTabs::saveAs(RequestTab *tab, const QString &file, const QString &name)
{
    const QString path = QFileInfo(file).absoluteFilePath();
    const Disk d = readDisk(path);
    if (d.stamp.exists && !d.error.isEmpty()) {
        Q_EMIT message(tr("Not saved: %1").arg(d.error));
        return false;
    }
    HttpRequest r;
    r.title = name.trimmed();
    r = HttpFileEdit::merge(r, tab->editor()->templateSpec());
    const QString text = HttpFileEdit::append(d.text, r);
    const qsizetype count = d.file.requests.size() + 1;
    if (const QString why = HttpFileEdit::verifySaved(text, count, count - 1, r); !why.isEmpty()) {
        Q_EMIT message(tr("Not saved: %1").arg(why));
        return false;
    }
    const HttpFileStore::Saved saved = HttpFileStore::save(path, text.toUtf8(), d.stamp);
    if (saved.status != HttpFileStore::SaveStatus::Saved) {
        Q_EMIT message(tr("Not saved to %1: %2").arg(QDir::toNativeSeparators(path), saved.error));
        return false;
    }
    const qsizetype index = HttpFileParser::parse(text, path).file.requests.size() - 1;
    tab->setBinding({ { FileKey, path }, { RootKey, rootFor(path) }, { IndexKey, int(index) },
        { NameKey, r.displayName() }, { ShaKey, QString::fromLatin1(saved.stamp.sha256.toHex()) },
        { TextKey, HttpFileEdit::requestText(r) }, { SavedKey, tab->editor()->saveState() } });
    watch(path);
    applyVariables(tab);
    Q_EMIT message(tr("Saved \"%1\" to %2").arg(r.displayName(), QDir::toNativeSeparators(path)));
    return true;
}

// Discard puts the saved state back, so the tab closes (or the app quits) without a leftover draft.
bool CollectionTabs::confirmClose(RequestTab *tab)
{
    if (!hasUnsavedChanges(tab))
        return true;
    m_tabs->setCurrentWidget(tab);
    const QString answer = Prompt::ask(tab, QStringLiteral("unsavedPrompt"), tr("Unsaved changes"),
        tr("\"%1\" has changes not saved to %2.")
            .arg(nameOf(tab->binding()), QFileInfo(tab->binding().value(FileKey).toString()).fileName()),
        { { QStringLiteral("saveButton"), tr("Save") }, { QStringLiteral("discardButton"), tr("Discard") },
            { QStringLiteral("cancelButton"), tr("Cancel") } });
    if (answer == QLatin1String("saveButton"))
        return save(tab);
    if (answer == QLatin1String("discardButton")) {
        tab->editor()->restoreState(tab->binding().value(SavedKey).toObject());
        return true;
    }
    return false;
}

bool CollectionTabs::confirmQuit()
{
    for (RequestTab *t : boundTabs())
        if (!confirmClose(t))
            return false;
    return true;
}

// Queued by MainWindow after a session that did not close cleanly: unsaved edits of bound tabs
// come back from tabs.json and are offered once, each.
void CollectionTabs::offerDrafts()
{
    for (RequestTab *t : boundTabs()) {
        if (!t->isModified())
            continue;
        m_tabs->setCurrentWidget(t);
        const QJsonObject b = t->binding();
        const QString file = b.value(FileKey).toString();
        const QString answer = Prompt::ask(t, QStringLiteral("draftPrompt"), tr("Restore draft?"),
            tr("VerbScope did not close normally. \"%1\" has changes that were never saved to %2.\n"
               "Restore them as a draft (the file stays as it is until you save), or discard them?")
                .arg(nameOf(b), QDir::toNativeSeparators(file)),
            { { QStringLiteral("discardDraftButton"), tr("Discard") },
                { QStringLiteral("restoreDraftButton"), tr("Restore Draft") } });
        if (answer == QLatin1String("discardDraftButton")) {
            const Disk d = readDisk(file);
            const qsizetype index = HttpFileEdit::locate(d.file, b.value(IndexKey).toInt(), nameOf(b));
            if (index < 0 || !load(t, file, int(index), false))
                t->editor()->restoreState(b.value(SavedKey).toObject());
        } else {
            Q_EMIT message(tr("Draft of \"%1\" restored: press Ctrl+S to save it").arg(nameOf(b)));
        }
    }
}

// Follows renames and moves made in the Collections sidebar, including files under a moved folder.
void CollectionTabs::pathMoved(const QString &from, const QString &to)
{
    for (RequestTab *t : boundTabs()) {
        QJsonObject b = t->binding();
        const QString file = b.value(FileKey).toString();
        if (file == from || file.startsWith(from + QLatin1Char('/'))) {
            b.insert(FileKey, QString(to + file.mid(from.size())));
            t->setBinding(b);
            watch(b.value(FileKey).toString());
        }
    }
}

// An untouched tab follows the file silently; a tab with unsaved edits asks (Reload / Keep Mine).
// A change elsewhere in the file only refreshes the stamp.
void CollectionTabs::checkFiles(const QStringList &paths)
{
    for (RequestTab *t : boundTabs()) {
        QJsonObject b = t->binding();
        const QString file = b.value(FileKey).toString();
        if (!paths.contains(file))
            continue;
        const Disk d = readDisk(file);
        if (!d.stamp.exists) {
            Q_EMIT message(tr("%1 was deleted: Ctrl+S writes the request to it again").arg(file));
            continue;
        }
        if (d.sha() == b.value(ShaKey).toString())
            continue; // our own save
        const qsizetype index = HttpFileEdit::locate(d.file, b.value(IndexKey).toInt(), nameOf(b));
        if (index < 0) {
            Q_EMIT message(tr("\"%1\" is no longer in %2").arg(nameOf(b), QFileInfo(file).fileName()));
            continue;
        }
        const QString text = HttpFileEdit::requestText(d.file.requests.at(index));
        if (text == b.value(TextKey).toString()) {
            // Another request of the file changed: this one stays as it is.
            b.insert(ShaKey, d.sha());
            b.insert(IndexKey, int(index));
            t->setBinding(b);
            applyVariables(t);
            continue;
        }
        if (!t->isModified()) {
            load(t, file, int(index), false);
            Q_EMIT message(tr("Reloaded \"%1\": %2 changed on disk").arg(nameOf(b), QFileInfo(file).fileName()));
            continue;
        }
        m_tabs->setCurrentWidget(t);
        const QString answer = Prompt::ask(t, QStringLiteral("reloadPrompt"), tr("Changed on disk"),
            tr("\"%1\" was changed in %2 by another program, and you have unsaved changes to it.")
                .arg(nameOf(b), QDir::toNativeSeparators(file)),
            { { QStringLiteral("reloadButton"), tr("Reload") },
                { QStringLiteral("keepMineButton"), tr("Keep Mine") } });
        // Keep mine: the disk version becomes the base, so a save later replaces it knowingly.
        load(t, file, int(index), answer != QLatin1String("reloadButton"));
    }
}

} // namespace verbscope::ui
