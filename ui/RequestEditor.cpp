// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/RequestEditor.h"
#include "core/collections/RequestPipeline.h"
#include "core/collections/importers/CurlImporter.h"

#include "core/diagnosis/Knowledge.h"
#include "core/http/HttpSyntax.h"
#include "ui/AuthEditor.h"
#include "ui/BodyEditor.h"
#include "ui/HttpHighlighter.h"
#include "ui/KeyValueTable.h"
#include "ui/OptionsEditor.h"
#include "ui/Theme.h"

#include <QClipboard>
#include <QComboBox>
#include <QCompleter>
#include <QCoreApplication>
#include <QDir>
#include <QFontDatabase>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QInputMethodEvent>
#include <QJsonArray>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QTabWidget>
#include <QTextCharFormat>
#include <QUrl>
#include <QVBoxLayout>

// The top half of a RequestTab. It edits a RequestSpec and sends nothing itself (Send and Cancel
// are signals); the verb goes out exactly as typed, checked only as an RFC 9110 token (section 9.1).
namespace verbscope::ui {

using http::Header;
using http::RequestSpec;

namespace {
const QStringList &commonMethods()
{
    static const QStringList m { QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
        QStringLiteral("PATCH"), QStringLiteral("DELETE"), QStringLiteral("HEAD"), QStringLiteral("OPTIONS"),
        QStringLiteral("QUERY"), QStringLiteral("TRACE"), QStringLiteral("PROPFIND"), QStringLiteral("MKCOL") };
    return m;
}

// Every method the knowledge base knows (IANA registry and the ones met in the wild).
QStringList allMethods()
{
    QStringList all;
    for (const auto &m : diagnosis::Knowledge::instance().methods())
        all << QString::fromLatin1(m.name);
    all.sort();
    all.removeDuplicates();
    return all;
}

const QStringList &commonHeaderNames()
{
    static const QStringList h { QStringLiteral("Accept"), QStringLiteral("Accept-Encoding"),
        QStringLiteral("Accept-Language"), QStringLiteral("Authorization"), QStringLiteral("Cache-Control"),
        QStringLiteral("Connection"), QStringLiteral("Content-Type"), QStringLiteral("Content-Length"),
        QStringLiteral("Cookie"), QStringLiteral("Depth"), QStringLiteral("Destination"), QStringLiteral("Expect"),
        QStringLiteral("Forwarded"), QStringLiteral("Host"), QStringLiteral("If-Match"),
        QStringLiteral("If-Modified-Since"), QStringLiteral("If-None-Match"), QStringLiteral("Origin"),
        QStringLiteral("Overwrite"), QStringLiteral("Prefer"), QStringLiteral("Range"), QStringLiteral("Referer"),
        QStringLiteral("User-Agent"), QStringLiteral("X-API-Key"), QStringLiteral("X-Forwarded-For"),
        QStringLiteral("X-HTTP-Method"), QStringLiteral("X-HTTP-Method-Override"), QStringLiteral("X-Method-Override"),
        QStringLiteral("X-Requested-With") };
    return h;
}

// Leaves readable what a query may hold unencoded (RFC 3986 section 3.4), except the characters
// that would change its meaning here: & and = split the pairs, + reads as a space to form parsers.
QString queryEncode(const QString &s)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(s, "/:@!$'()*,;[]"));
}

QJsonArray rowsToJson(const QList<KeyValue> &rows)
{
    QJsonArray a;
    for (const KeyValue &kv : rows)
        a.append(QJsonObject { { QStringLiteral("name"), kv.name }, { QStringLiteral("value"), kv.value },
            { QStringLiteral("enabled"), kv.enabled } });
    return a;
}

QList<KeyValue> rowsFromJson(const QJsonArray &a)
{
    QList<KeyValue> rows;
    for (const QJsonValue &v : a) {
        const QJsonObject o = v.toObject();
        rows.append({ o.value(QStringLiteral("name")).toString(), o.value(QStringLiteral("value")).toString(),
            o.value(QStringLiteral("enabled")).toBool(true) });
    }
    return rows;
}
} // namespace

RequestEditor::RequestEditor(QWidget *parent)
    : QWidget(parent)
    , m_method(new QComboBox(this))
    , m_url(new QLineEdit(this))
    , m_send(new QPushButton(tr("Send"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
    , m_error(new QLabel(this))
    , m_curlNotice(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_params(new KeyValueTable(QStringLiteral("params"), m_tabs))
    , m_headers(new KeyValueTable(QStringLiteral("requestHeaders"), m_tabs))
    , m_body(new BodyEditor(m_tabs))
    , m_auth(new AuthEditor(m_tabs))
    , m_options(new OptionsEditor(m_tabs))
{
    setObjectName(QStringLiteral("requestEditor"));
    m_method->setObjectName(QStringLiteral("methodBox"));
    m_method->setEditable(true);
    m_method->setInsertPolicy(QComboBox::NoInsert);
    m_method->setMinimumWidth(130);
    m_method->addItems(commonMethods());
    m_method->insertSeparator(m_method->count());
    const QStringList all = allMethods();
    for (const QString &m : all)
        if (!commonMethods().contains(m))
            m_method->addItem(m);
    // Popup completion only: inline completion would rewrite the case of a verb typed on purpose.
    auto *completer = new QCompleter(all, m_method);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setCompletionMode(QCompleter::PopupCompletion);
    m_method->setCompleter(completer);
    m_method->setToolTip(
        tr("Any RFC 9110 token: standard, WebDAV, custom or lower-case verbs are sent exactly as typed."));

    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(tr("http://127.0.0.1:8080/resource?key=value"));
    m_url->setClearButtonEnabled(true);
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_send->setDefault(true);
    m_send->setToolTip(tr("Send (Ctrl+Enter)"));
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    m_cancel->setToolTip(tr("Cancel (Esc)"));
    m_cancel->hide();
    m_error->setObjectName(QStringLiteral("inputError"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    Theme::setTextRole(m_error, Theme::Role::TextError);
    m_error->hide();
    m_curlNotice->setObjectName(QStringLiteral("curlNotice"));
    m_curlNotice->setWordWrap(true);
    m_curlNotice->setTextInteractionFlags(Qt::TextSelectableByMouse);
    Theme::setTextRole(m_curlNotice, Theme::Role::TextWarning);
    m_curlNotice->hide();

    m_tabs->setObjectName(QStringLiteral("requestTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_params, tr("Params"));
    m_tabs->addTab(m_headers, tr("Headers"));
    m_tabs->addTab(m_body, tr("Body"));
    // Scrolled, so the long forms do not force the editor to be tall.
    for (auto [page, label] : { std::pair<QWidget *, QString> { m_auth, tr("Auth") }, { m_options, tr("Options") } }) {
        auto *scroll = new QScrollArea(m_tabs);
        scroll->setWidget(page);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        m_tabs->addTab(scroll, label);
    }
    m_headers->setNameCompletions(commonHeaderNames());
    m_source = new QPlainTextEdit(m_tabs);
    m_source->setObjectName(QStringLiteral("httpSource"));
    m_source->setReadOnly(true);
    m_source->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_source->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new HttpHighlighter(m_source);
    m_source->hide(); // a tab only for requests of a file

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_method);
    bar->addWidget(m_url, 1);
    bar->addWidget(m_send);
    bar->addWidget(m_cancel);
    layout->addLayout(bar);
    layout->addWidget(m_error);
    layout->addWidget(m_curlNotice);
    layout->addWidget(m_tabs, 1);

    connect(m_send, &QPushButton::clicked, this, &RequestEditor::sendRequested);
    connect(m_cancel, &QPushButton::clicked, this, &RequestEditor::cancelRequested);
    connect(m_url, &QLineEdit::returnPressed, this, [this] {
        if (m_send->isEnabled())
            Q_EMIT sendRequested();
    });
    connect(m_method, &QComboBox::editTextChanged, this, &RequestEditor::revalidate);
    connect(m_url, &QLineEdit::textChanged, this, [this](const QString &text) {
        urlToParams();
        revalidate();
        m_urlBefore = text;
    });
    // Ctrl+V is caught before the line edit drops the command's line breaks; a paste by the
    // context menu or the middle button arrives here, as more than one character at once.
    m_url->installEventFilter(this);
    connect(m_url, &QLineEdit::textEdited, this, [this](const QString &text) {
        m_curlNotice->hide();
        if (text.size() > m_urlBefore.size() + 1 && looksLikeCurl(text)) {
            const QString clip = QGuiApplication::clipboard()->text();
            pasteCurl(looksLikeCurl(clip) ? clip : text);
        }
    });
    connect(m_params, &KeyValueTable::edited, this, [this] {
        paramsToUrl();
        revalidate();
    });
    connect(m_headers, &KeyValueTable::edited, this, &RequestEditor::revalidate);
    connect(m_body, &BodyEditor::edited, this, &RequestEditor::revalidate);
    connect(m_auth, &AuthEditor::edited, this, &RequestEditor::revalidate);
    connect(m_options, &OptionsEditor::edited, this, &RequestEditor::revalidate);
    m_method->setCurrentIndex(0);
    revalidate();
    Theme::follow(
        m_url, [this] { showVariables(); }, "variables"); // their colours follow the theme
}

RequestEditor::~RequestEditor() = default;

QString RequestEditor::method() const
{
    return m_method->currentText();
}

QString RequestEditor::url() const
{
    return m_url->text();
}

void RequestEditor::setMethod(const QString &method)
{
    m_method->setEditText(method);
}

void RequestEditor::setUrl(const QString &url)
{
    m_url->setText(url);
}

void RequestEditor::focusUrl()
{
    m_url->setFocus(Qt::ShortcutFocusReason);
    m_url->selectAll();
}

void RequestEditor::setBusy(bool busy)
{
    m_busy = busy;
    m_cancel->setVisible(busy);
    revalidate();
}

void RequestEditor::setValidator(Validator validator)
{
    m_validator = std::move(validator);
    revalidate();
}

void RequestEditor::setSourceText(const QString &text)
{
    if (m_source->toPlainText() != text)
        m_source->setPlainText(text);
    const int at = m_tabs->indexOf(m_source);
    if (text.isEmpty() && at >= 0) {
        m_tabs->removeTab(at);
        m_source->hide();
    } else if (!text.isEmpty() && at < 0)
        m_tabs->addTab(m_source, tr(".http"));
}

void RequestEditor::setBaseDirectory(const QString &dir)
{
    m_baseDirectory = dir;
    m_body->setBaseDirectory(dir);
    revalidate();
}

bool RequestEditor::looksLikeCurl(const QString &text)
{
    static const QRegularExpression curl(
        QStringLiteral("^\\s*(?:[\\w.~-]*[/\\\\])*curl(?:\\.exe)?\\s")); // a URL is no path
    return curl.match(text).hasMatch();
}

bool RequestEditor::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_url && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent *>(event)->matches(QKeySequence::Paste)) {
        const QString clip = QGuiApplication::clipboard()->text();
        if (looksLikeCurl(clip) && pasteCurl(clip))
            return true;
    }
    return QWidget::eventFilter(watched, event);
}

bool RequestEditor::pasteCurl(const QString &text)
{
    using namespace verbscope::collections;
    const ImportResult r = CurlImporter::import(text, QStringLiteral("pasted"));
    QStringList report;
    for (const ImportIssue &i : r.issues)
        report << i.what + QStringLiteral(": ") + i.why;
    if (r.files.isEmpty()) {
        m_curlNotice->setText(tr("Not imported from curl: %1").arg(r.error) + QLatin1Char('\n') + report.join(u'\n'));
        m_curlNotice->show();
        return false;
    }
    const http::RequestOptions base = templateSpec().options;
    QList<RequestSpec> specs;
    for (const HttpRequest &q : r.files.first().file.requests) {
        RequestSpec spec;
        spec.method = q.method.toUtf8();
        spec.url = q.target;
        for (const HeaderLine &h : q.headers)
            spec.headers.append({ h.name.toUtf8(), h.value.toUtf8() });
        spec.hasBody = q.hasBody;
        if (q.body.startsWith(QLatin1String("< ")) && !q.body.contains(QLatin1Char('\n')))
            spec.bodyFile = q.body.mid(2).trimmed(); // -d @file, -T file: read when sent
        else
            spec.body = q.body.toUtf8();
        spec.options = base;
        QStringList problems;
        RequestPipeline::applyDirectives(q, spec.options, &problems);
        report << problems;
        if (!q.variables.isEmpty())
            report << tr("%1: kept only in an imported .http file (import the command to keep it)")
                          .arg(q.variables.first().name.section(QLatin1Char('_'), 0, 1));
        specs.append(spec);
    }
    setSpec(specs.takeFirst());
    QString notice = specs.isEmpty()
        ? tr("Imported from curl.")
        : tr("Imported from curl: %n more request(s) opened in new tabs.", "", int(specs.size()));
    if (!report.isEmpty())
        notice += QLatin1Char(' ') + tr("Not carried over:") + QLatin1Char('\n') + report.join(QLatin1Char('\n'));
    m_curlNotice->setText(notice);
    m_curlNotice->show();
    if (!specs.isEmpty())
        Q_EMIT curlPasted(specs, report);
    Q_EMIT edited();
    return true;
}

void RequestEditor::showProblems(const QStringList &problems)
{
    m_error->setText(problems.join(QLatin1Char('\n')));
    m_error->setVisible(!problems.isEmpty());
}

RequestSpec RequestEditor::spec() const
{
    return build(true);
}

// readFiles: read body files now (sending) or only name them (checks on every keystroke).
// resolve: substitute {{variables}}; templateSpec() keeps them, as that is what a save writes.
RequestSpec RequestEditor::build(bool readFiles, bool resolve, QStringList *unresolved) const
{
    const auto resolved
        = [&](const QString &text) { return resolve && m_resolver ? m_resolver(text, false, unresolved) : text; };
    RequestSpec spec;
    spec.method = m_method->currentText().toUtf8(); // as typed: case and all
    spec.url = resolved(m_url->text().trimmed());
    if (resolve && !spec.url.isEmpty() && !spec.url.contains(QLatin1String("://")))
        spec.url.prepend(QLatin1String("http://"));
    for (const KeyValue &kv : m_headers->rows())
        if (kv.enabled && !kv.name.trimmed().isEmpty())
            spec.headers.append({ resolved(kv.name.trimmed()).toUtf8(), resolved(kv.value).toUtf8() });
    spec.headers.append(m_auth->headers());
    const BodyEditor::Body body = m_body->body(readFiles);
    spec.hasBody = body.hasBody;
    spec.body
        = body.file.isEmpty() && m_resolver && resolve ? resolved(QString::fromUtf8(body.bytes)).toUtf8() : body.bytes;
    // Resolved, a relative body file is the one next to the .http file (setBaseDirectory).
    spec.bodyFile = resolve && !body.file.isEmpty() ? QDir(m_baseDirectory).absoluteFilePath(body.file) : body.file;
    if (!body.contentType.isEmpty() && !http::hasHeader(spec.headers, "Content-Type"))
        spec.headers.append({ "Content-Type", body.contentType });
    m_options->apply(spec.options);
    return spec;
}

// Runs on every edit, so it never reads a body file.
QString RequestEditor::problem() const
{
    QStringList unresolved;
    const RequestSpec s = build(false, true, &unresolved);
    QStringList problems;
    unresolved.removeDuplicates();
    for (const QString &name : std::as_const(unresolved))
        problems << tr("Unresolved variable {{%1}}: define it in the active environment").arg(name);
    // A collection request is checked as it will be sent: by the request pipeline (origin-form
    // targets with Host, body files next to the .http file, directives).
    if (!m_validator)
        problems += http::validate(s);
    else if (unresolved.isEmpty())
        problems += m_validator(build(false, false));
    if (const QString p = m_body->body(false).problem; !p.isEmpty())
        problems << p;
    problems.removeDuplicates();
    return problems.join(QLatin1Char('\n'));
}

// The method box's red border goes through Theme::follow, so its colour is recomputed when the
// theme changes; an empty URL disables Send without an error line.
void RequestEditor::revalidate()
{
    const QString methodProblem = http::checkMethod(m_method->currentText().toUtf8());
    const QString all = problem();
    // An empty URL is the normal state of a new tab: disable Send without shouting about it.
    const bool onlyEmptyUrl = m_url->text().trimmed().isEmpty() && all == QLatin1String("URL is empty");
    m_error->setText(all);
    m_error->setVisible(!all.isEmpty() && !onlyEmptyUrl);
    m_send->setEnabled(all.isEmpty() && !m_busy);
    m_send->setToolTip(all.isEmpty() ? tr("Send (Ctrl+Enter)") : all);
    if (methodProblem.isEmpty())
        Theme::follow(
            m_method,
            [this] {
                if (!m_method->styleSheet().isEmpty())
                    m_method->setStyleSheet(QString());
            },
            "methodProblem");
    else
        Theme::follow(
            m_method,
            [this] {
                const QString sheet = QStringLiteral("QComboBox { border: 2px solid %1; }")
                                          .arg(Theme::foreground(Theme::Role::TextError).name());
                if (m_method->styleSheet() != sheet)
                    m_method->setStyleSheet(sheet);
            },
            "methodProblem");
    m_method->lineEdit()->setToolTip(methodProblem);
    showVariables();
    Q_EMIT edited();
}

void RequestEditor::setResolver(Resolver resolver)
{
    m_resolver = std::move(resolver);
    revalidate();
}

RequestSpec RequestEditor::templateSpec() const
{
    return build(false, false);
}

// Tooltips show the values a request will use, with secret variables masked (display = true).
void RequestEditor::showVariables()
{
    if (!m_resolver) {
        m_url->setToolTip(QString());
        return;
    }
    static const QRegularExpression variable(QStringLiteral("\\{\\{[^{}]*\\}\\}"));
    const auto shown = [this](const QString &text) { return m_resolver(text, true, nullptr); };
    // The URL field has no rich text: its {{variables}} are painted as preedit formats.
    QList<QInputMethodEvent::Attribute> formats;
    for (auto it = variable.globalMatch(m_url->text()); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        QStringList missing;
        m_resolver(m.captured(), false, &missing);
        const Theme::Role role = missing.isEmpty() ? Theme::Role::SyntaxVariable : Theme::Role::SyntaxUnresolved;
        QTextCharFormat f;
        f.setForeground(Theme::colors(role, m_url->palette()).foreground);
        f.setFontWeight(QFont::Bold);
        formats.append({ QInputMethodEvent::TextFormat, int(m.capturedStart()) - m_url->cursorPosition(),
            int(m.capturedLength()), f });
    }
    QInputMethodEvent event(QString(), formats);
    QCoreApplication::sendEvent(m_url, &event);
    const bool urlHas = m_url->text().contains(variable);
    m_url->setToolTip(urlHas ? tr("Resolved: %1").arg(shown(m_url->text().trimmed())) : QString());
    QStringList headers;
    for (const KeyValue &kv : m_headers->rows())
        if (kv.enabled && (kv.name.contains(variable) || kv.value.contains(variable)))
            headers << shown(kv.name) + QStringLiteral(": ") + shown(kv.value);
    m_tabs->setTabToolTip(m_tabs->indexOf(m_headers), headers.isEmpty() ? QString() : headers.join(QLatin1Char('\n')));
    const BodyEditor::Body body = m_body->body(false);
    const QString bodyText = QString::fromUtf8(body.bytes);
    m_tabs->setTabToolTip(m_tabs->indexOf(m_body),
        body.file.isEmpty() && bodyText.contains(variable) ? shown(bodyText).left(2000) : QString());
}

// The URL and the Params table mirror each other; m_syncing stops the echo of one update into the
// other. The fragment is skipped: it is never sent (RFC 9110 section 7.1).
void RequestEditor::urlToParams()
{
    if (m_syncing)
        return;
    const QString url = m_url->text();
    const qsizetype q = url.indexOf(QLatin1Char('?'));
    QList<KeyValue> rows;
    if (q >= 0) {
        qsizetype end = url.indexOf(QLatin1Char('#'), q);
        if (end < 0)
            end = url.size();
        const QString query = url.mid(q + 1, end - q - 1);
        for (const QString &pair : query.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
            const qsizetype eq = pair.indexOf(QLatin1Char('='));
            const QString name = eq < 0 ? pair : pair.left(eq);
            const QString value = eq < 0 ? QString() : pair.mid(eq + 1);
            rows.append({ QUrl::fromPercentEncoding(name.toUtf8()), QUrl::fromPercentEncoding(value.toUtf8()), true });
        }
    }
    for (const KeyValue &kv : m_params->rows())
        if (!kv.enabled)
            rows.append(kv); // disabled rows are not in the URL: keep them in the table
    m_syncing = true;
    m_params->setRows(rows);
    m_syncing = false;
}

// Rebuilds only the query; the fragment is put back as it was.
void RequestEditor::paramsToUrl()
{
    if (m_syncing)
        return;
    QString url = m_url->text();
    QString fragment;
    if (const qsizetype hash = url.indexOf(QLatin1Char('#')); hash >= 0) {
        fragment = url.mid(hash);
        url.truncate(hash);
    }
    if (const qsizetype q = url.indexOf(QLatin1Char('?')); q >= 0)
        url.truncate(q);
    QStringList pairs;
    for (const KeyValue &kv : m_params->rows())
        if (kv.enabled)
            pairs << (kv.value.isEmpty() && kv.name.isEmpty()
                    ? QString()
                    : queryEncode(kv.name) + QLatin1Char('=') + queryEncode(kv.value));
    pairs.removeAll(QString());
    if (!pairs.isEmpty())
        url += QLatin1Char('?') + pairs.join(QLatin1Char('&'));
    m_syncing = true;
    m_url->setText(url + fragment);
    m_syncing = false;
}

void RequestEditor::setSpec(const RequestSpec &spec)
{
    m_method->setEditText(QString::fromUtf8(spec.method));
    m_url->setText(spec.url);
    QList<KeyValue> headers;
    QByteArray contentType;
    for (const Header &h : spec.headers) {
        if (http::headerNameEquals(h.name, "Content-Type") && spec.hasBody && contentType.isEmpty()) {
            contentType = h.value; // the body editor owns it, so it is not sent twice
            continue;
        }
        headers.append({ QString::fromUtf8(h.name), QString::fromUtf8(h.value), true });
    }
    m_headers->setRows(headers);
    if (spec.hasBody)
        m_body->setBody(spec.body, contentType, spec.bodyFile);
    else
        m_body->setMode(BodyEditor::Mode::None);
    m_options->setOptions(spec.options);
    revalidate();
}

QJsonObject RequestEditor::saveState() const
{
    return { { QStringLiteral("method"), m_method->currentText() }, { QStringLiteral("url"), m_url->text() },
        { QStringLiteral("params"), rowsToJson(m_params->rows()) },
        { QStringLiteral("headers"), rowsToJson(m_headers->rows()) }, { QStringLiteral("body"), m_body->saveState() },
        { QStringLiteral("auth"), m_auth->saveState() }, { QStringLiteral("options"), m_options->saveState() } };
}

void RequestEditor::restoreState(const QJsonObject &s)
{
    m_method->setEditText(s.value(QStringLiteral("method")).toString(QStringLiteral("GET")));
    m_url->setText(s.value(QStringLiteral("url")).toString());
    m_syncing = true;
    m_params->setRows(rowsFromJson(s.value(QStringLiteral("params")).toArray()));
    m_syncing = false;
    m_headers->setRows(rowsFromJson(s.value(QStringLiteral("headers")).toArray()));
    m_body->restoreState(s.value(QStringLiteral("body")).toObject());
    m_auth->restoreState(s.value(QStringLiteral("auth")).toObject());
    m_options->restoreState(s.value(QStringLiteral("options")).toObject());
    revalidate();
}

} // namespace verbscope::ui
