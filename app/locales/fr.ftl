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
locations-team = Équipe
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

nav-account = Compte
error-forbidden = Vous n’avez pas le droit de faire cela.
error-signed-out = Votre session a pris fin. Reconnectez-vous.
error-not-found = Cela n’existe plus.
error-throttled = Trop de tentatives. Patientez un instant puis réessayez.
account-title = Votre compte
account-password = Mot de passe
account-current-password = Mot de passe actuel
account-new-password = Nouveau mot de passe (10 caractères au moins)
account-password-submit = Changer le mot de passe
account-password-changed = Mot de passe changé. Vos autres appareils ont été déconnectés.
account-tokens = Jetons d’API
account-tokens-intro = Pour les scripts et les instruments : envoyez un jeton en « Authorization: Bearer … ».
account-tokens-none = Aucun jeton pour l’instant.
account-token-new = Nouveau jeton
account-token-name = À quoi il sert
account-token-name-hint = Par exemple « export du lecteur de plaques »
account-token-expiry = Cesse de fonctionner
account-token-never = jamais
account-token-days = après { $days } jours
account-token-read-only = Lecture seule (ne peut rien modifier)
account-token-create = Créer le jeton
account-token-once = Copiez ce jeton maintenant : il ne sera plus affiché.
account-token-ro = lecture seule
account-token-rw = lecture et écriture
account-token-revoked = révoqué
account-created = créé le { $date }
account-expires = expire le { $date }
account-revoke = Révoquer
account-sessions = Appareils connectés
account-last-seen = utilisé le { $date }
account-this-device = cet appareil
account-sign-out-device = Déconnecter
account-logout-elsewhere = Déconnecter tous les autres appareils
field-error-wrong = n’est pas correct
field-error-too_short = est trop court
field-error-common = est trop courant ; choisissez-en un autre
field-error-out_of_range = est hors limites
field-error-required = est obligatoire
field-error-taken = est déjà utilisé

nav-teams = Équipes
nav-people = Personnes
teams-title = Équipes
teams-none = Vous n’appartenez à aucune équipe. Un administrateur ou un responsable d’équipe peut vous ajouter.
teams-new = Nouvelle équipe
teams-name = Nom de l’équipe
teams-create = Créer l’équipe
teams-member-email = Adresse e-mail de la personne à ajouter
teams-role = Rôle
teams-add-member = Ajouter à l’équipe
teams-change-role = Modifier
teams-remove = Retirer
role-manager = responsable
role-member = membre
role-viewer = lecteur
people-title = Personnes
people-new = Nouveau compte
people-name = Nom
people-first-password = Premier mot de passe (à transmettre ; 10 caractères au moins)
people-is-admin = Administrateur de toute l’installation
people-create = Créer le compte
people-created = Compte de { $name } créé. Ajoutez cette personne à une équipe sur la page Équipes.
people-admin = administrateur
