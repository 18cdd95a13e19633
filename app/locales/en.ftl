# English. Every user-facing string of the UI lives here and in fr.ftl.
app-name = Paillasse
app-tagline = Lab notebook and inventory
nav-main = Main
nav-locations = Locations
lang-switch = Language
lang-en = English
lang-fr = Français
skip-to-content = Skip to content

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
locations-loading = Loading…

error-title = Something went wrong
error-server = The server could not complete the request. Please try again.
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
