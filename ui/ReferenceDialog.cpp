// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/ReferenceDialog.h"

#include "core/diagnosis/Knowledge.h"
#include "ui/models/ReferenceModel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QListView>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <optional>

// The desktop `explain`: the same Knowledge entries with the same headings as ExplainCommand, so a
// topic reads alike in both. Opened from the Help menu and from ResponseView's status.
namespace verbscope::ui {

using namespace verbscope::diagnosis;

namespace {
// The search text narrowed to one kind of topic (the combo box: all, status codes, methods).
class ReferenceFilter final : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setMethodsOnly(std::optional<bool> methodsOnly)
    {
        m_methodsOnly = methodsOnly;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        if (m_methodsOnly) {
            const auto kind
                = ReferenceModel::Kind(sourceModel()->index(row, 0, parent).data(ReferenceModel::KindRole).toInt());
            if ((kind == ReferenceModel::Kind::Method) != *m_methodsOnly)
                return false;
        }
        return QSortFilterProxyModel::filterAcceptsRow(row, parent);
    }

private:
    std::optional<bool> m_methodsOnly;
};

// Knowledge texts are plain text shown in a QTextBrowser: every one is escaped, so a "<" in a
// description cannot turn into markup.
QString esc(const QString &s)
{
    return s.toHtmlEscaped();
}

QString field(const QString &name, const QString &value)
{
    return value.isEmpty() ? QString()
                           : QStringLiteral("<tr><td><b>%1</b></td><td>%2</td></tr>").arg(esc(name), esc(value));
}

QString section(const QString &heading, const QString &text)
{
    return text.isEmpty() ? QString() : QStringLiteral("<h4>%1</h4><p>%2</p>").arg(esc(heading), esc(text));
}

QString list(const QString &heading, const QStringList &items)
{
    if (items.isEmpty())
        return {};
    QString out = QStringLiteral("<h4>%1</h4><ul>").arg(esc(heading));
    for (const QString &i : items)
        out += QStringLiteral("<li>%1</li>").arg(esc(i));
    return out + QStringLiteral("</ul>");
}

QString yesNo(std::optional<bool> b)
{
    return !b ? ReferenceDialog::tr("not defined") : *b ? ReferenceDialog::tr("yes") : ReferenceDialog::tr("no");
}
} // namespace

ReferenceDialog::ReferenceDialog(QWidget *parent)
    : QDialog(parent)
    , m_model(new ReferenceModel(this))
    , m_filter(new ReferenceFilter(this))
    , m_search(new QLineEdit(this))
    , m_kind(new QComboBox(this))
    , m_list(new QListView(this))
    , m_detail(new QTextBrowser(this))
{
    setObjectName(QStringLiteral("referenceDialog"));
    setWindowTitle(tr("Reference — VerbScope"));
    setModal(false);
    m_filter->setSourceModel(m_model);
    m_filter->setFilterRole(ReferenceModel::SearchRole);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_search->setObjectName(QStringLiteral("referenceSearch"));
    m_search->setPlaceholderText(tr("Search: 405, teapot, WebDAV, PATCH…"));
    m_search->setClearButtonEnabled(true);
    m_kind->setObjectName(QStringLiteral("referenceKind"));
    m_kind->addItems({ tr("Everything"), tr("Status codes"), tr("Methods") });
    m_list->setObjectName(QStringLiteral("referenceList"));
    m_list->setModel(m_filter);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setUniformItemSizes(true);
    m_detail->setObjectName(QStringLiteral("referenceDetail"));
    m_detail->setOpenExternalLinks(true);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    auto *searchRow = new QHBoxLayout;
    searchRow->addWidget(m_search, 1);
    searchRow->addWidget(m_kind);
    leftLayout->addLayout(searchRow);
    leftLayout->addWidget(m_list, 1);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_detail);
    split->setStretchFactor(1, 1);
    split->setSizes({ 320, 560 });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_filter->setFilterFixedString(text.trimmed());
        // The exact topic first ("405" also appears in other codes' text), else the first match.
        const int exact = m_model->rowOf(text.trimmed());
        const QModelIndex wanted = exact >= 0 ? m_filter->mapFromSource(m_model->index(exact)) : QModelIndex();
        m_list->setCurrentIndex(wanted.isValid() ? wanted : m_filter->index(0, 0));
    });
    connect(m_kind, &QComboBox::currentIndexChanged, this, [this](int i) {
        static_cast<ReferenceFilter *>(m_filter)->setMethodsOnly(
            i == 0 ? std::optional<bool>() : std::optional<bool>(i == 2));
        if (!m_list->currentIndex().isValid())
            m_list->setCurrentIndex(m_filter->index(0, 0));
    });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, &ReferenceDialog::showCurrent);
    resize(920, 620);
    showTopic(QStringLiteral("405"));
}

ReferenceDialog::~ReferenceDialog() = default;

// One dialog per main window, found among the top window's children: asking again from the
// method matrix window raises the existing one instead of stacking copies.
ReferenceDialog *ReferenceDialog::open(QWidget *from)
{
    QWidget *window = from ? from->window() : nullptr;
    while (window && window->parentWidget()) // the main window's, also from the matrix window
        window = window->parentWidget()->window();
    auto *dialog = window ? window->findChild<ReferenceDialog *>(QString(), Qt::FindDirectChildrenOnly) : nullptr;
    if (!dialog)
        dialog = new ReferenceDialog(window);
    dialog->show();
    dialog->raise();
    dialog->activateWindow();
    return dialog;
}

void ReferenceDialog::setSearch(const QString &text)
{
    m_search->setText(text);
}

QString ReferenceDialog::currentTopic() const
{
    return m_topic;
}

// Clears the search and kind filters first so the topic is certainly in the list; a topic the
// knowledge base lacks still gets a page (an unregistered code, an unknown method).
void ReferenceDialog::showTopic(const QString &topic)
{
    m_search->clear();
    m_kind->setCurrentIndex(0);
    const int row = m_model->rowOf(topic);
    if (row >= 0) {
        m_list->setCurrentIndex(m_filter->mapFromSource(m_model->index(row)));
        m_list->scrollTo(m_list->currentIndex(), QAbstractItemView::PositionAtCenter);
        showCurrent(); // already current: no signal
        return;
    }
    m_list->clearSelection();
    m_topic = topic;
    bool ok = false;
    const int code = topic.toInt(&ok);
    m_detail->setHtml(ok ? statusHtml(code) : methodHtml(topic));
}

void ReferenceDialog::showCurrent()
{
    const QModelIndex i = m_list->currentIndex();
    if (!i.isValid())
        return;
    m_topic = i.data(ReferenceModel::TopicRole).toString();
    const auto kind = ReferenceModel::Kind(i.data(ReferenceModel::KindRole).toInt());
    m_detail->setHtml(kind == ReferenceModel::Kind::Method ? methodHtml(m_topic) : statusHtml(m_topic.toInt()));
}

// An unregistered code still gets its class (RFC 9110 section 15: a client treats an unknown code
// as the x00 code of its class), as `verbscope-cli explain` prints.
QString ReferenceDialog::statusHtml(int code)
{
    const Knowledge &k = Knowledge::instance();
    if (const StatusInfo *s = k.status(code)) {
        QString html = QStringLiteral("<h2>%1 %2</h2><table cellspacing='4'>").arg(code).arg(esc(s->title));
        html += field(tr("Reference"), s->reference);
        html += field(tr("Class"), Knowledge::statusClassMeaning(code));
        html += field(tr("Cacheable by default"), s->cacheableByDefault ? tr("yes") : tr("no"));
        html += field(tr("Cache note"), s->cacheNote);
        html += field(tr("Also seen as"), s->aliases.join(QStringLiteral(", ")));
        html += field(tr("Registry"), s->registryNote);
        html += QStringLiteral("</table>");
        html += section(tr("Meaning"), s->meaning);
        html += list(tr("Common causes"), s->commonCauses);
        html += list(tr("What the client can do"), s->clientFixes);
        html += list(tr("What the server can do"), s->serverFixes);
        html += section(tr("How it relates to method support"), s->methodNotes);
        return html;
    }
    QString html = QStringLiteral("<h2>%1</h2>").arg(code);
    if (const UnregisteredStatus *u = k.unregisteredStatus(code))
        html += QStringLiteral("<p><b>%1</b> — %2</p>").arg(esc(u->title), esc(u->origin))
            + section(tr("Meaning"), u->meaning);
    html += section(tr("Registry"), tr("%1 is not registered in the IANA HTTP Status Code Registry.").arg(code));
    if (code >= 100 && code <= 599)
        html += section(tr("Its class"),
            Knowledge::statusClassMeaning(code) + QLatin1Char(' ')
                + tr("Clients treat an unrecognised code like the x00 code of its class (%1).").arg(code / 100 * 100));
    return html;
}

QString ReferenceDialog::methodHtml(const QString &name)
{
    const MethodLookup lookup = Knowledge::instance().method(name.toLatin1());
    if (!lookup.info)
        return QStringLiteral("<h2>%1</h2><p>%2</p>")
            .arg(esc(name), esc(tr("Not in the knowledge base: no registry or server VerbScope knows defines it.")));
    const MethodInfo &m = *lookup.info;
    QString html = QStringLiteral("<h2>%1</h2><p>%2</p><table cellspacing='4'>")
                       .arg(esc(QString::fromLatin1(m.name)),
                           m.registered ? tr("Registered with IANA") : tr("Not registered with IANA"));
    html += field(tr("Reference"), m.reference);
    html += field(tr("Family"), m.family);
    html += field(tr("Comes from"), m.origin);
    html += field(tr("Safe"), yesNo(m.safe));
    html += field(tr("Idempotent"), yesNo(m.idempotent));
    html += field(tr("Cacheable"), m.cacheable ? tr("yes") : tr("no"));
    html += QStringLiteral("</table>");
    html += section(tr("Description"), m.description);
    html += section(tr("Commonly blocked or missing"), m.commonlyBlocked);
    html += section(tr("Notes"), m.notes);
    return html;
}

} // namespace verbscope::ui
