# English. Every user-facing string of the UI lives here and in fr.ftl.
app-name = Paillasse
app-tagline = Lab notebook and inventory
pager = Pages
pager-next = Next page
pager-first = First page
nav-more = More
nav-main = Main
nav-locations = Locations
lang-switch = Language
lang-en = English
lang-fr = Français
skip-to-content = Skip to content

locations-contents = What it holds
locations-holds-nothing = Nothing is kept here or in the places inside it.
locations-title = Storage locations
locations-intro = Sites, rooms, freezers, shelves and boxes, as a tree.
locations-empty = No location yet. Add the first one below.
locations-count = { $count ->
    [one] { $count } location
   *[other] { $count } locations
}
locations-add = Add a location
locations-name = Name
locations-name-hint = For example “Freezer −80 °C, room 214”
locations-team = Team
locations-parent = Inside
locations-parent-none = — none (top level) —
locations-submit = Add
locations-saving = Saving…
locations-added = “{ $name }” added.
locations-code = Label code
loading = Loading…

error-title = Something went wrong
error-server = The server could not complete the request. Please try again.
error-disk-full = The server’s disk is full: nothing was saved. Tell an administrator; try again once space has been freed.
error-read-only = The database refuses writes (damaged or read-only): nothing was saved. Tell an administrator.
not-found-title = Page not found
not-found-back = Back to the locations

month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec
date-format = { $month } { $day }, { $year }

# Reasons a field is refused, by the code the server sends.
field-error-empty = must not be empty
field-error-too_long = is too long
field-error-control_characters = must not contain control characters
field-error-invisible_characters = must not contain direction overrides or zero-width characters
field-error-not_found = does not exist
field-error-cycle = would place the location inside itself
field-error-invalid = is not valid

login-title = Sign in
login-email = E-mail
login-password = Password
login-submit = Sign in
login-wrong = Wrong e-mail or password.
login-throttled = Too many failed attempts. Try again in { $seconds } s.
logout = Sign out

nav-account = Account
error-forbidden = You may not do this.
error-signed-out = Your session has ended. Sign in again.
error-not-found = It no longer exists.
error-throttled = Too many attempts. Wait a moment and try again.
account-title = Your account
account-password = Password
account-current-password = Current password
account-new-password = New password (at least 10 characters)
account-password-submit = Change the password
account-password-changed = Password changed. Your other devices were signed out.
account-tokens = API tokens
account-tokens-intro = For scripts and instruments: send a token as “Authorization: Bearer …”.
account-tokens-none = No token yet.
account-token-new = New token
account-token-name = What it is for
account-token-name-hint = For example “plate reader export”
account-token-expiry = Stops working
account-token-never = never
account-token-days = after { $days } days
account-token-read-only = Read only (cannot change anything)
account-token-create = Create the token
account-token-once = Copy this token now: it will not be shown again.
account-token-ro = read only
account-token-rw = read and write
account-token-revoked = revoked
account-created = created { $date }
account-expires = expires { $date }
account-revoke = Revoke
account-sessions = Signed-in devices
account-last-seen = last used { $date }
account-this-device = this device
account-sign-out-device = Sign out
account-logout-elsewhere = Sign out every other device
field-error-wrong = is not right
field-error-too_short = is too short
field-error-common = is too common; choose another
field-error-out_of_range = is out of range
field-error-required = is required
field-error-taken = is already taken

nav-teams = Teams
nav-people = People
teams-title = Teams
teams-none = You belong to no team yet. An administrator or a team manager can add you.
teams-new = New team
teams-name = Team name
teams-create = Create the team
teams-member-email = E-mail of the person to add
teams-role = Role
teams-add-member = Add to the team
teams-change-role = Change
teams-remove = Remove
role-manager = manager
role-member = member
role-viewer = viewer
people-title = People
people-new = New account
people-name = Name
people-first-password = First password (to hand over; at least 10 characters)
people-is-admin = Administrator of the whole installation
people-create = Create the account
people-created = Account for { $name } created. Add them to a team on the Teams page.
people-admin = administrator

locations-top-level = — top level —
locations-created = Created
sharing-title = Shared with other teams
sharing-intro = The owning team always has access. Other teams see only what is shared with them.
sharing-team = Team
sharing-access = Access
sharing-read = read only
sharing-write = read and write
sharing-submit = Share
sharing-stop = Stop sharing
field-error-owner = is the owning team already
nav-products = Stock
products-title = Products and stock
products-search = Search
products-search-hint = Name, CAS number or catalogue number
products-none = No product yet. Add the first one below.
products-new = New product
products-kind = Kind
products-cas = CAS number
products-supplier = Supplier
products-catalog-number = Catalogue number
products-create = Add the product
kind-chemical = chemical
kind-biological = biological
kind-consumable = consumable
kind-kit = kit
kind-other = other
nav-lots = Lots
lots-search-hint = Label code or supplier lot
lots-any-status = Any status
lots-anywhere = Anywhere
lots-expires-after = Expiring from
lots-expires-before = Expiring until
lots-filter = Filter
lots-none-found = No lot matches.
lots-upkeep = Upkeep
lots-quarantine = Quarantine
lots-quarantine-hint = A quarantined lot takes no movement but corrections until it is released.
lots-release = Release from quarantine
lots-release-hint = Released, the lot is in use again.
lots-opened-on = Opened on
lots-correct = Save the corrections
lots-title = Lots
lots-none = No lot of this product yet.
lots-expires = expires { $date }
lots-receive = Receive a lot
lots-quantity = Quantity
lots-unit = Unit
lots-supplier-lot = Supplier lot number
lots-expires-on = Expiry date
lots-received-on = Received
lots-receive-submit = Receive
lots-status = Status
lots-ledger = Ledger
lots-movement = Record a movement
lots-movement-kind = Movement
lots-reason = Reason
lots-movement-submit = Record
status-in_use = in use
status-quarantined = quarantined
status-empty = empty
status-disposed = disposed
movement-consume = consume
movement-receive = receive
movement-adjust = adjust
movement-dispose = dispose
field-error-insufficient = is more than is left
field-error-wrong_dimension = is not the lot’s kind of unit
field-error-unknown_unit = is not a known unit
field-error-not_positive = must be more than zero
field-error-check_digit = has a wrong check digit (a typo?)
field-error-lot_status = is not possible on this lot now
field-error-before_receipt = is before the lot was received
nav-samples = Samples
samples-title = Samples
samples-search-hint = Name or label code
samples-none = No sample here yet.
samples-new = New sample
samples-type = Type
samples-made-from = Made from
samples-parent-code = Label code of the sample or lot it comes from
samples-relation = How
samples-taken = Quantity taken from it (in its unit)
samples-create = Make the sample
samples-place = Place
samples-no-parent = Not made from another sample or lot.
samples-restricted = Restricted (another team's)
samples-children = Made from this sample
samples-aliquot = Aliquot
samples-aliquot-count = Number of aliquots
samples-aliquot-each = Quantity in each
samples-aliquot-submit = Make the aliquots
sample-status-available = available
sample-status-used_up = used up
sample-status-discarded = discarded
derivation-aliquot = aliquot
derivation-mixture = mixture
derivation-extract = extract
derivation-culture = culture
derivation-other = other
field-error-one_parent = must name exactly one sample or lot
field-error-sample_status = is not possible on this sample now
nav-instruments = Instruments
nav-alerts = Alerts
instruments-title = Instruments
instruments-search-hint = Name, serial number or label code
instruments-none = No instrument yet. Register the first one below.
instruments-new = New instrument
instruments-model = Model
instruments-serial = Serial number
instruments-create = Register the instrument
instruments-set-status = Change
instruments-record = Record a calibration or maintenance
instruments-record-kind = What was done
instruments-performed-on = Done on
instruments-valid-until = Valid until
instruments-performed-by = Done by
instruments-notes = Notes
instruments-record-submit = Record
instruments-records = Calibration and maintenance
instruments-no-record = Nothing recorded yet.
instrument-status-available = available
instrument-status-in_maintenance = in maintenance
instrument-status-out_of_service = out of service
record-calibration = calibration
record-maintenance = maintenance
calibration-none = never calibrated
calibration-valid = calibrated
calibration-due_soon = calibration due soon
calibration-lapsed = calibration lapsed
alerts-title = Alerts
alerts-days = Days ahead
alerts-apply = Show
alerts-none = Nothing to report.
alerts-expiring = Lots expiring
alerts-low-stock = Under the reorder level
alerts-calibration = Calibrations
alerts-expired = expired { $days } days ago
alerts-expires-in = in { $days } days
field-error-in_future = is in the future
field-error-not_applicable = does not apply here
field-error-before_performed = is before it was done
boxes-title = Box
boxes-grid = Box positions
boxes-grid-hint = A box has rows (A, B, C…) and columns (1, 2, 3…). Leave both empty for a plain location.
boxes-rows = Rows
boxes-cols = Columns
boxes-save = Save
field-error-occupied = would leave occupied positions outside the box
field-error-outside_box = is outside the box
field-error-not_a_box = is not possible: the location is not a box
field-error-no_location = needs a location
field-error-not_here = is not possible here
place-move = Move
place-location = Location
place-nowhere = (no location)
place-position = Position in the box
place-submit = Move here
history-title = History
export-csv = Export CSV
products-reorder-level = Reorder level
products-reorder-hint = The alerts list the product when its lots in use hold less than this.

## Search across everything, and list orders
nav-search = Search
search-title = Search
search-hint = Name, CAS, supplier lot, serial number or label code
search-none = Nothing found.
search-kind-product = Product
search-kind-lot = Lot
search-kind-sample = Sample
search-kind-instrument = Instrument
search-kind-location = Location
sort-by = Sort by
sort-created = Date added
sort-name = Name
sort-expiry = Expiry

## Attachments
sds-title = Safety data sheet
sds-none = No safety data sheet yet.
sds-upload = Upload the safety data sheet
certificate-upload = Attach the certificate
certificate-link = Certificate
upload-error-too_large = The file is over the upload limit.
upload-error-mismatch = The file is not what its type says (for instance a renamed file).
upload-error-empty = Choose a file first.
upload-error-invalid = The file's type is not recognised.
upload-error-already_attached = This record already has its certificate.
upload-error-forbidden = You may not change this.
upload-error-not_found = This no longer exists.

## Printing labels
print-title = Print labels
print-label = Print label
print-codes = Label codes (one per line)
print-output = Print on
print-output-sheet = A sheet of labels (PDF)
print-output-zpl = A Zebra label printer (ZPL)
print-template = Sheet
print-start = Start at position
print-zpl-size = Zebra label width × height (mm)
print-zpl-height = Label height (mm)
print-zpl-dpi = Printer resolution
print-preview = Preview
print-none = No label to print yet: add label codes above.
print-count = { $count ->
    [one] One label
   *[other] { $count } labels
}
print-sheets = { $count ->
    [one] One sheet
   *[other] { $count } sheets
}
print-download-pdf = Download the PDF
print-download-zpl = Download the ZPL
print-selected = Print labels of the ticked
label-relabelled = This was opened by an old label ({ $old }); its label is now { $current }.
label-invalid = “{ $code }” is not a label code: a character is mistyped or missing. Check the label, or search below.
label-unknown = No label { $code } here, or it belongs to a team you are not in.

## The scan page
nav-scan = Scan
scan-title = Scan
scan-modes = What scanning does
scan-mode-open = Open
scan-mode-move = Move here
scan-mode-receive = Receive
scan-hint-open = Point the camera at a label, or scan it with a scanner: its page opens.
scan-hint-move = Scan the location first, then each lot or sample to put there.
scan-hint-move-to = Moving to { $place }: scan each lot or sample to put there, or another location.
scan-hint-receive = Scan each new lot's label just after printing it, to check it reads back to the right lot.
scan-found = Found { $code }
scan-invalid = Not a label code: { $why }
scan-no-camera = No camera: { $why }. Type or scan the code below, or send a photo.
scan-location-first = Scan a location first: that is where the next things go.
scan-not-a-lot = This label is not a lot's.
scan-moved = moved here
scan-received = label reads back
scan-code = Label code
scan-open = Open
scan-photo = No camera? Send a photo of the label
scan-photo-read = Read the photo
scan-photo-error-no_label = No label could be read in the photo: take it closer, in focus, with the whole label in view.
scan-photo-error-not_an_image = The file is not a photo (JPEG, PNG or WebP).
scan-photo-error-too_large = The photo is over the upload limit.
scan-photo-error-empty = Choose or take a photo first.

## The notebook
nav-notebook = Notebook
notebook-title = Notebook
notebook-new-title = Title of a new entry
notebook-new = Start the entry
notebook-search-hint = Words of a title, text or tag
notebook-none = No entry yet.
entry-status-draft = draft
entry-status-signed = signed
entry-status-witnessed = witnessed
entry-date = Date
entry-author = Author
entry-status = Status
entry-revision = Revision
entry-contributors = Contributors
entry-contributor-email = E-mail of the person
entry-contributor-role = Role (designed, performed, analysed…)
entry-contributor-add = Add contributor
notebook-in = Notebook
notebook-own = My notebook
notebook-all = All notebooks
notebook-open = Open a notebook
notebook-name = Name of the notebook
notebook-project = Project
notebook-author = Author
notebook-anyone = Anyone
notebook-uses = Uses (label code)
notebook-uses-unknown = No lot, sample or instrument has this label code.
entry-title = Title
entry-tags = Tags (separated by commas)
entry-text = Text (Markdown: **bold**, lists, | tables |)
entry-save = Save
entry-draft-found = This device kept text that was typed here and not saved.
entry-draft-restore = Put it back
entry-draft-discard = Discard it
entry-materials = Materials and equipment
entry-no-materials = Nothing used or made yet.
entry-files = Images and files
entry-attach = Attach an image or a file
entry-comments = Comments
entry-comment = Comment
entry-comment-send = Add the comment
entry-revisions = { $count ->
    [one] One revision
   *[other] { $count } revisions
}
entry-add-usage = Add by label code
entry-add-usage-hint = Type or scan the code of a lot, sample or instrument: what it is, what is left and what will remain show before anything is added. For an instrument, say when (the last hour when left empty).
entry-remove-usage = Remove
usage-lot = Lot
usage-sample_input = Sample used
usage-sample_output = Sample made
usage-instrument = Instrument
usage-what = What
usage-code = Label code
usage-name = Name
usage-details = Lot, expiry
usage-amount = Quantity or time
usage-warning = Warning
usage-role = A sample is
usage-from = Instrument used from
usage-to = until
scan-mode-entry = Add to entry
scan-hint-entry = Each lot, sample or instrument read waits here until you tap Add: say how much of a lot was used, check what will remain.
scan-lot-quantity = Quantity of each lot
scan-back-to-entry = Back to the entry
scan-added = added to the entry
entry-scan = Scan with the camera
usage-protocol = Protocol
protocols-title = Protocols
protocols-none = No protocol yet.
protocols-version = Version { $version }
protocols-new = Write a protocol
protocols-steps = Steps (one per line)
protocols-body = Notes (Markdown)
protocols-create = Save the protocol
protocols-frozen = followed by an entry: never changes
protocols-editable = not followed yet: can still change
protocols-start = Start an entry from this version
protocols-revise = Change the protocol
protocols-revise-hint = While no entry has followed the current version it changes in place; once one has, your change becomes the next version.
entry-photo = Take a photo
entry-embed = Put this line in the text to show the image there
notebook-from = From
notebook-to = to

## Trace
nav-trace = Trace
trace-button = Trace
trace-title = Trace
trace-start-hint = Type or scan the label code of a lot, a sample or an instrument to see what it went into; open an entry or a sample to see what went into it.
trace-direction = Direction
trace-backward = What went in (backward)
trace-forward = What it went into (forward)
trace-window = Only this period
trace-summary-backward = { $count ->
    [0] Nothing recorded went into { $start }.
    [one] One thing went into { $start }.
   *[other] { $count } things went into { $start }.
}
trace-summary-forward = { $count ->
    [0] { $start } went into nothing recorded yet.
    [one] { $start } went into one thing.
   *[other] { $start } went into { $count } things.
}
trace-restricted = { $count ->
    [one] One of them is restricted: you may not see it.
   *[other] { $count } of them are restricted: you may not see them.
}
trace-warnings = { $count ->
    [one] One needs attention (⚠).
   *[other] { $count } need attention (⚠).
}
trace-too-large = { $count } things: too many to draw; the table lists them all.
trace-graph = Trace graph, left to right in time
trace-kind-entry = Entry
trace-kind-sample = Sample
trace-kind-lot = Lot
trace-kind-instrument = Instrument
trace-kind-person = Person
trace-kind-protocol_version = Protocol
trace-depth = Steps
trace-path = Path
trace-recall = Mark affected
trace-recall-hint = Flags every entry downstream (yours and other teams’) with the reason, for example a supplier’s recall or a period out of calibration. Recorded in the audit log.
trace-reason = Reason
trace-mark = Mark affected entries
trace-marked = { $count ->
    [0] No new entry to flag.
    [one] One entry flagged.
   *[other] { $count } entries flagged.
} { $restricted ->
    [0] {""}
   *[other] ({ $restricted } of another team.)
}
entry-flagged = ⚠ Flagged
notebook-flagged = Flagged only

# Using a thing at the bench: what it will do, said before it is done.
usage-kind-lot = Lot
usage-kind-sample = Sample
usage-kind-instrument = Instrument
use-supplier-lot = lot { $lot }
use-expires = expires { $date }
use-left = Left: { $amount }
use-quantity = Quantity used
use-unit = Unit
use-will-remain = Taking { $take }: { $rest } will remain.
use-type-amount = Type the quantity used: what will remain shows here.
use-confirm = I confirm: use it anyway
use-look-up = Check
use-cancel = Cancel
entry-add-usage-button = Add
use-notice-lot_expired = Expired on { $date }.
use-notice-calibration_lapsed = Calibration had lapsed on { $date }.
use-notice-never_calibrated = Never calibrated.
use-notice-instrument_unavailable = The instrument is { $status }.
use-notice-large_share = This takes { $percent } % of what is left.
use-notice-above_limit = More than { $limit } in one use.
use-notice-lot_quarantined = The lot is quarantined: release it before using it.
use-notice-lot_disposed = The lot has been disposed of.
use-notice-more_than_left = More than is left ({ $left }).
field-error-lot_expired = tick to confirm: the lot has expired
field-error-calibration_lapsed = tick to confirm: the calibration had lapsed
field-error-never_calibrated = tick to confirm: the instrument was never calibrated
field-error-instrument_unavailable = tick to confirm: the instrument is not available
field-error-large_share = tick to confirm: this takes more than half of what is left
field-error-above_limit = tick to confirm: this is a large amount
field-error-lot_quarantined = cannot be used: the lot is quarantined
field-error-lot_disposed = cannot be used: the lot has been disposed of
field-error-more_than_left = is more than is left
field-error-full = has no free position left
scan-moved-to = put here, at { $position }
scan-position = Position in the box
scan-position-hint = Each thing read goes to the position above; the first free one is { $position }.
scan-box-full = The box is full.
scan-pending = To add to the entry
scan-add-pending = Add to the entry
scan-error-location_first = Read a location first: that is where the next ones go.
scan-error-unknown = No lot, sample, instrument or location has this code.
scan-error-invalid = This is not a label code.
scan-pending-move = Put it in { $place }?
scan-move-pending = Put it here
entry-diff-omitted = { $count ->
    [one] 1 line not shown
   *[other] { $count } lines not shown
}
trace-table-more = { $count } more: the CSV export lists them all.
field-error-too_many = is more than can be done at once
field-error-not_published = is still being written by its team: follow a frozen version
# Why what was typed into the scan box is not a label code (after "Not a label code: ").
scan-code-required = nothing was read
scan-code-wrong_length = a label code has { $expected } characters, this one has { $found }
scan-code-invalid_character = “{ $found }” (character { $position }) is in no label code
scan-code-check_digit = the check character does not match (a character mistyped, or two swapped)
field-error-wrong_length = does not have the 8 characters of a label code
field-error-invalid_character = holds a character that is in no label code
movement-move = move
# The reasons the application writes on ledger lines (a person's own reason shows as typed).
ledger-reason-received = received
ledger-reason-made = made
ledger-reason-aliquoted = aliquoted
ledger-reason-moved_to = to { $place }
ledger-reason-moved_out = taken out of its place
ledger-reason-used_in = used in entry no. { $entry }
ledger-reason-usage_removed = use removed from entry no. { $entry }
ledger-reason-taken_for = taken for sample { $sample }
trace-notice-used_after_expiry = used on { $used_on }, after its expiry on { $expires_on }
trace-notice-flagged = flagged: { $reason }
trace-restricted-caption = { $kind } (restricted)
trace-detail-lot = lot { $lot }
trace-detail-expiry = expires { $date }
notebook-of = { $name }'s notebook
# An instrument's calibration over a use, in the materials table.
use-calibration-valid = calibrated
use-calibration-valid-until = calibrated until { $date }
use-calibration-due_soon = calibrated
use-calibration-due_soon-until = calibrated until { $date }
use-calibration-lapsed = calibration lapsed
use-calibration-lapsed-until = calibration ran only until { $date }
use-calibration-none = never calibrated
use-calibration-none-until = never calibrated
