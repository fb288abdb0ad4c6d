// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/CompareView.h"

#include "core/http/HttpSyntax.h"
#include "core/http/VisibleText.h"

#include "ui/Theme.h"

#include <QCheckBox>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTextBlock>
#include <QTextCursor>
#include <QVBoxLayout>

#include <algorithm>

// Opened by MainWindow for two history entries, or an entry and the current tab. It holds both
// exchanges by value, so the entries may be deleted or the tab resent while it is open. All comparing is
// ExchangeDiff's; this file only lays it out.
namespace verbscope::ui {

using compare::ExchangeDiff;
using Change = ExchangeDiff::Change;

namespace {
Theme::Role diffRole(Change change)
{
    switch (change) {
    case Change::Added: return Theme::Role::DiffAdded;
    case Change::Removed: return Theme::Role::DiffRemoved;
    case Change::Changed: return Theme::Role::DiffChanged;
    case Change::Reordered: return Theme::Role::DiffReordered;
    }
    return Theme::Role::DiffSame;
}

QString statusText(const ExchangeDiff::StatusLine &s)
{
    if (s.status == 0)
        return QObject::tr("no answer");
    return QStringLiteral("HTTP/%1 %2 %3").arg(s.httpVersion).arg(s.status).arg(http::escapeBytes(s.reason));
}

// One line per value, each in the control-byte notation (as the headers table shows them).
QString shownValues(const QList<QByteArray> &values)
{
    QStringList out;
    for (const QByteArray &v : values)
        out << http::escapeBytes(v);
    return out.join(QLatin1Char('\n'));
}

// One line per value, strings quoted, so "1" and 1 read differently in a JSON path row.
QString jsonText(const QJsonValue &v)
{
    if (v.isObject())
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    if (v.isArray())
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    if (v.isString())
        return QLatin1Char('"') + v.toString() + QLatin1Char('"');
    if (v.isNull())
        return QStringLiteral("null");
    if (v.isBool())
        return v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    return QString::number(v.toDouble());
}

QTableWidgetItem *item(const QString &text)
{
    auto *i = new QTableWidgetItem(text);
    i->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    return i;
}

// `palette` is the view's: on a theme switch the view hears of it before its tables do.
void colourRow(QTableWidget *table, int row, Change change, const QPalette &palette)
{
    for (int c = 0; c < table->columnCount(); ++c) {
        if (QTableWidgetItem *i = table->item(row, c)) {
            const Theme::Colors colours = Theme::colors(diffRole(change), palette);
            i->setBackground(colours.background);
            i->setForeground(colours.foreground);
        }
    }
}

QLabel *titleLabel(const QString &name, QWidget *parent)
{
    auto *l = new QLabel(parent);
    l->setObjectName(name);
    l->setWordWrap(true);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont f = l->font();
    f.setBold(true);
    l->setFont(f);
    return l;
}
} // namespace

CompareView::CompareView(QWidget *parent)
    : QWidget(parent)
    , m_leftTitle(titleLabel(QStringLiteral("compareLeftTitle"), this))
    , m_rightTitle(titleLabel(QStringLiteral("compareRightTitle"), this))
    , m_leftStatus(new QLabel(this))
    , m_rightStatus(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_volatile(new QCheckBox(tr("Show volatile headers (Date, Age…)"), this))
    , m_headers(new QTableWidget(this))
    , m_body(new QStackedWidget(this))
    , m_bodyNote(new QLabel(m_body))
    , m_json(new QTableWidget(m_body))
    , m_text(new QPlainTextEdit(m_body))
{
    setObjectName(QStringLiteral("compareView"));
    setWindowTitle(tr("Compare exchanges"));
    m_leftStatus->setObjectName(QStringLiteral("compareLeftStatus"));
    m_rightStatus->setObjectName(QStringLiteral("compareRightStatus"));
    m_summary->setObjectName(QStringLiteral("compareSummary"));
    m_summary->setWordWrap(true);
    m_volatile->setObjectName(QStringLiteral("compareVolatileToggle"));
    auto *swap = new QPushButton(tr("⇄ Swap Sides"), this);
    swap->setObjectName(QStringLiteral("compareSwapButton"));
    auto *exportButton = new QPushButton(tr("Export Markdown…"), this);
    exportButton->setObjectName(QStringLiteral("compareExportButton"));

    m_headers->setObjectName(QStringLiteral("compareHeaders"));
    m_headers->setColumnCount(3);
    m_headers->setHorizontalHeaderLabels({ tr("Header"), tr("Left"), tr("Right") });
    m_headers->verticalHeader()->hide();
    m_headers->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_headers->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_headers->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_headers->setWordWrap(true);
    m_headers->setSelectionBehavior(QAbstractItemView::SelectRows);

    m_body->setObjectName(QStringLiteral("compareBody"));
    m_bodyNote->setObjectName(QStringLiteral("compareBodyNote"));
    m_bodyNote->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_bodyNote->setWordWrap(true);
    m_bodyNote->setMargin(6);
    m_bodyNote->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_json->setObjectName(QStringLiteral("compareJson"));
    m_json->setColumnCount(4);
    m_json->setHorizontalHeaderLabels({ tr("Path"), tr("Change"), tr("Left"), tr("Right") });
    m_json->verticalHeader()->hide();
    m_json->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_text->setObjectName(QStringLiteral("compareText"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_body->addWidget(m_bodyNote);
    m_body->addWidget(m_json);
    m_body->addWidget(m_text);

    auto *sides = new QGridLayout;
    sides->addWidget(m_leftTitle, 0, 0);
    sides->addWidget(m_rightTitle, 0, 1);
    sides->addWidget(m_leftStatus, 1, 0);
    sides->addWidget(m_rightStatus, 1, 1);
    sides->setColumnStretch(0, 1);
    sides->setColumnStretch(1, 1);
    auto *tools = new QHBoxLayout;
    tools->addWidget(m_summary, 1);
    tools->addWidget(m_volatile);
    tools->addWidget(swap);
    tools->addWidget(exportButton);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_headers);
    split->addWidget(m_body);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(sides);
    layout->addLayout(tools);
    layout->addWidget(split, 1);

    // Multi-value cells wrap: their height follows the column widths.
    connect(
        m_headers->horizontalHeader(), &QHeaderView::sectionResized, m_headers, &QTableWidget::resizeRowsToContents);
    connect(swap, &QPushButton::clicked, this, &CompareView::swapSides);
    connect(m_volatile, &QCheckBox::toggled, this, &CompareView::rebuild);
    connect(exportButton, &QPushButton::clicked, this, &CompareView::exportInteractively);
    Theme::follow(this, [this] { rebuild(); }); // the colours are in the cells and the text
}

CompareView::~CompareView() = default;

void CompareView::setSides(const Side &left, const Side &right)
{
    m_left = left;
    m_right = right;
    rebuild();
}

void CompareView::swapSides()
{
    std::swap(m_left, m_right);
    rebuild();
}

void CompareView::setShowVolatile(bool show)
{
    m_volatile->setChecked(show); // rebuilds through toggled()
}

// Re-runs the diff from the two exchanges on every change of option, side or theme: the result
// and its colours are never patched in place.
void CompareView::rebuild()
{
    ExchangeDiff::Options options;
    options.allHeaders = m_volatile->isChecked();
    m_result = ExchangeDiff::compare(m_left.exchange, m_right.exchange, options);
    m_leftTitle->setText(m_left.label);
    m_rightTitle->setText(m_right.label);
    m_leftStatus->setText(statusText(m_result.left));
    m_rightStatus->setText(statusText(m_result.right));
    const QString changed = QStringLiteral("QLabel { %1 padding: 2px; }").arg(Theme::css(Theme::Role::DiffChanged));
    for (QLabel *l : { m_leftStatus, m_rightStatus }) {
        l->setStyleSheet(m_result.statusChanged ? changed : QStringLiteral("QLabel { padding: 2px; }"));
        l->setProperty("differs", m_result.statusChanged);
    }
    QStringList parts;
    if (m_result.same)
        parts << tr("No differences");
    if (m_result.statusChanged)
        parts << tr("status differs");
    if (!m_result.headers.isEmpty())
        parts << tr("%n header(s) differ", nullptr, int(m_result.headers.size()));
    if (m_result.body.changed)
        parts << tr("body differs");
    if (!m_result.ignoredHeaders.isEmpty())
        parts << tr("%n volatile header(s) not compared", nullptr, int(m_result.ignoredHeaders.size()));
    m_summary->setText(parts.join(QStringLiteral(" · ")));
    fillHeaders();
    fillBody();
}

// Names match case-insensitively (RFC 9110 section 5.1). A repeated field's values are listed one
// per line rather than joined with commas: Set-Cookie must not be combined (RFC 9110 section 5.3).
void CompareView::fillHeaders()
{
    const http::HeaderList &leftHeaders = m_left.exchange.response.head.headers;
    const http::HeaderList &rightHeaders = m_right.exchange.response.head.headers;
    // Names in the left's order, then those only on the right: one row per name, every value.
    QList<QByteArray> names;
    for (const http::HeaderList *list : { &leftHeaders, &rightHeaders })
        for (const http::Header &h : *list)
            if (std::none_of(names.cbegin(), names.cend(),
                    [&h](const QByteArray &n) { return http::headerNameEquals(n, h.name); }))
                names << h.name;
    const bool showVolatile = m_volatile->isChecked();
    m_headers->setRowCount(0);
    for (const QByteArray &name : std::as_const(names)) {
        if (!showVolatile && ExchangeDiff::isVolatileHeader(name))
            continue;
        const int row = m_headers->rowCount();
        m_headers->insertRow(row);
        m_headers->setItem(row, 0, item(http::escapeBytes(name)));
        m_headers->setItem(row, 1, item(shownValues(http::headerValues(leftHeaders, name))));
        m_headers->setItem(row, 2, item(shownValues(http::headerValues(rightHeaders, name))));
        const auto change = std::find_if(m_result.headers.cbegin(), m_result.headers.cend(),
            [&name](const ExchangeDiff::HeaderChange &c) { return http::headerNameEquals(c.name, name); });
        if (change != m_result.headers.cend()) {
            colourRow(m_headers, row, change->change, palette());
            m_headers->item(row, 0)->setData(Qt::UserRole, ExchangeDiff::changeName(change->change));
            m_headers->item(row, 0)->setToolTip(ExchangeDiff::changeName(change->change));
        }
    }
    m_headers->resizeRowsToContents();
}

// The most precise form ExchangeDiff could give: changes by JSON path, else a line diff, else
// sizes and SHA-256 for binary bodies (where a line diff means nothing).
void CompareView::fillBody()
{
    const ExchangeDiff::BodyDiff &bodyDiff = m_result.body;
    m_json->setRowCount(0);
    m_text->clear();
    if (!bodyDiff.changed) {
        m_bodyNote->setText(bodyDiff.kind == ExchangeDiff::BodyKind::None
                ? tr("Neither side has a body.")
                : tr("The bodies are identical (%n bytes).", nullptr, int(bodyDiff.left.size)));
        m_body->setCurrentWidget(m_bodyNote);
        return;
    }
    if (!bodyDiff.json.isEmpty()) {
        for (const ExchangeDiff::JsonChange &c : bodyDiff.json) {
            const int row = m_json->rowCount();
            m_json->insertRow(row);
            m_json->setItem(row, 0, item(c.path));
            m_json->setItem(row, 1, item(ExchangeDiff::changeName(c.change)));
            m_json->setItem(row, 2, item(c.change == Change::Added ? QString() : jsonText(c.left)));
            m_json->setItem(row, 3, item(c.change == Change::Removed ? QString() : jsonText(c.right)));
            colourRow(m_json, row, c.change, palette());
        }
        m_body->setCurrentWidget(m_json);
        return;
    }
    if (!bodyDiff.lines.isEmpty()) {
        QTextCursor cursor(m_text->document());
        for (const ExchangeDiff::LineOp &line : bodyDiff.lines) {
            QTextCharFormat format;
            if (line.op == '+' || line.op == '-' || line.op == '@') {
                const Theme::Colors colours = Theme::colors(line.op == '+' ? Theme::Role::DiffAdded
                        : line.op == '-'                                   ? Theme::Role::DiffRemoved
                                                                           : Theme::Role::DiffHunk,
                    palette());
                format.setForeground(colours.foreground);
                if (line.op != '@')
                    format.setBackground(colours.background);
            }
            if (!cursor.atStart())
                cursor.insertBlock();
            const QString text = http::visibleIfNeeded(line.text.toUtf8(), http::TextShape::Lines);
            cursor.insertText(line.op == '@' ? text : QString(QLatin1Char(line.op) + QLatin1Char(' ') + text), format);
        }
        m_text->moveCursor(QTextCursor::Start);
        m_body->setCurrentWidget(m_text);
        return;
    }
    QString note = tr("The bodies differ: %1 bytes on the left, %2 on the right.")
                       .arg(bodyDiff.left.size)
                       .arg(bodyDiff.right.size);
    if (bodyDiff.kind == ExchangeDiff::BodyKind::Binary)
        note += QStringLiteral("\nSHA-256 %1\nSHA-256 %2")
                    .arg(QString::fromLatin1(bodyDiff.left.sha256), QString::fromLatin1(bodyDiff.right.sha256));
    if (!bodyDiff.note.isEmpty())
        note += QLatin1Char('\n') + bodyDiff.note;
    m_bodyNote->setText(note);
    m_body->setCurrentWidget(m_bodyNote);
}

QString CompareView::markdown() const
{
    return ExchangeDiff::toMarkdown(m_result, m_left.label, m_right.label);
}

bool CompareView::exportMarkdown(const QString &path, QString *error) const
{
    QSaveFile file(path);
    const QByteArray bytes = markdown().toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void CompareView::exportInteractively()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export comparison"), QStringLiteral("comparison.md"), tr("Markdown (*.md);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportMarkdown(path, &error))
        QMessageBox::warning(this, tr("Export comparison"), tr("Could not write %1: %2").arg(path, error));
}

} // namespace verbscope::ui
