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
