# Français. Chaque texte de l'interface est ici et dans en.ftl.
app-name = Paillasse
app-tagline = Cahier de laboratoire et inventaire
nav-main = Principal
nav-locations = Emplacements
lang-switch = Langue
lang-en = English
lang-fr = Français
skip-to-content = Aller au contenu

locations-title = Emplacements de stockage
locations-intro = Sites, salles, congélateurs, étagères et boîtes, en arborescence.
locations-empty = Aucun emplacement pour l’instant. Ajoutez le premier ci-dessous.
locations-count = { $count ->
    [one] { $count } emplacement
   *[other] { $count } emplacements
}
locations-add = Ajouter un emplacement
locations-name = Nom
locations-name-hint = Par exemple « Congélateur −80 °C, salle 214 »
locations-parent = Dans
locations-parent-none = — aucun (premier niveau) —
locations-submit = Ajouter
locations-saving = Enregistrement…
locations-added = « { $name } » ajouté.
locations-code = Code d’étiquette
locations-loading = Chargement…

error-title = Une erreur est survenue
error-server = Le serveur n’a pas pu traiter la demande. Veuillez réessayer.
not-found-title = Page introuvable
not-found-back = Retour aux emplacements

month-1 = janv.
month-2 = févr.
month-3 = mars
month-4 = avr.
month-5 = mai
month-6 = juin
month-7 = juil.
month-8 = août
month-9 = sept.
month-10 = oct.
month-11 = nov.
month-12 = déc.
date-format = { $day } { $month } { $year }

# Raisons du refus d'un champ, selon le code envoyé par le serveur.
field-error-empty = ne doit pas être vide
field-error-too_long = est trop long
field-error-control_characters = ne doit pas contenir de caractères de contrôle
field-error-not_found = n’existe pas
field-error-cycle = placerait l’emplacement dans lui-même
field-error-invalid = n’est pas valide

login-title = Connexion
login-email = Adresse e-mail
login-password = Mot de passe
login-submit = Se connecter
login-wrong = Adresse e-mail ou mot de passe incorrect.
login-throttled = Trop d’échecs. Réessayez dans { $seconds } s.
logout = Se déconnecter
