# Français. Chaque texte de l'interface est ici et dans en.ftl.
app-name = Paillasse
app-tagline = Cahier de laboratoire et inventaire
pager = Pages
pager-next = Page suivante
pager-first = Première page
nav-more = Plus
nav-main = Principal
nav-locations = Emplacements
lang-switch = Langue
lang-en = English
lang-fr = Français
skip-to-content = Aller au contenu

locations-contents = Ce qu’il contient
locations-holds-nothing = Rien n’est rangé ici ni dans les emplacements qu’il contient.
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
loading = Chargement…

error-title = Une erreur est survenue
error-server = Le serveur n’a pas pu traiter la demande. Veuillez réessayer.
error-disk-full = Le disque du serveur est plein : rien n’a été enregistré. Prévenez un administrateur ; réessayez une fois de la place libérée.
error-read-only = La base de données refuse les écritures (endommagée ou en lecture seule) : rien n’a été enregistré. Prévenez un administrateur.
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
field-error-invisible_characters = ne doit pas contenir d’inversion de sens d’écriture ni de caractère de largeur nulle
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

locations-top-level = — premier niveau —
locations-created = Créé
sharing-title = Partagé avec d’autres équipes
sharing-intro = L’équipe propriétaire y a toujours accès. Les autres équipes ne voient que ce qui leur est partagé.
sharing-team = Équipe
sharing-access = Accès
sharing-read = lecture seule
sharing-write = lecture et écriture
sharing-submit = Partager
sharing-stop = Ne plus partager
field-error-owner = est déjà l’équipe propriétaire
nav-products = Stock
products-title = Produits et stock
products-search = Chercher
products-search-hint = Nom, numéro CAS ou référence catalogue
products-none = Aucun produit pour l’instant. Ajoutez le premier ci-dessous.
products-new = Nouveau produit
products-kind = Type
products-cas = Numéro CAS
products-supplier = Fournisseur
products-catalog-number = Référence catalogue
products-create = Ajouter le produit
kind-chemical = chimique
kind-biological = biologique
kind-consumable = consommable
kind-kit = kit
kind-other = autre
nav-lots = Lots
lots-search-hint = Code d’étiquette ou lot fournisseur
lots-any-status = Tous les états
lots-anywhere = Partout
lots-expires-after = Périmant à partir du
lots-expires-before = Périmant au plus tard le
lots-filter = Filtrer
lots-none-found = Aucun lot ne correspond.
lots-upkeep = Tenue du lot
lots-quarantine = Mettre en quarantaine
lots-quarantine-hint = Un lot en quarantaine ne prend plus de mouvement, sauf des corrections, jusqu’à sa levée.
lots-release = Lever la quarantaine
lots-release-hint = Levée, le lot est de nouveau en usage.
lots-opened-on = Ouvert le
lots-correct = Enregistrer les corrections
lots-title = Lots
lots-none = Aucun lot de ce produit pour l’instant.
lots-expires = périme le { $date }
lots-receive = Réceptionner un lot
lots-quantity = Quantité
lots-unit = Unité
lots-supplier-lot = Numéro de lot fournisseur
lots-expires-on = Date de péremption
lots-received-on = Reçu le
lots-receive-submit = Réceptionner
lots-status = État
lots-ledger = Mouvements
lots-movement = Enregistrer un mouvement
lots-movement-kind = Mouvement
lots-reason = Motif
lots-movement-submit = Enregistrer
status-in_use = en usage
status-quarantined = en quarantaine
status-empty = vide
status-disposed = éliminé
movement-consume = consommation
movement-receive = réception
movement-adjust = ajustement
movement-dispose = élimination
field-error-insufficient = dépasse ce qui reste
field-error-wrong_dimension = n’est pas le type d’unité du lot
field-error-unknown_unit = n’est pas une unité connue
field-error-not_positive = doit être supérieur à zéro
field-error-check_digit = a une clé de contrôle fausse (une faute de frappe ?)
field-error-lot_status = n’est pas possible sur ce lot maintenant
field-error-before_receipt = est avant la réception du lot
nav-samples = Échantillons
samples-title = Échantillons
samples-search-hint = Nom ou code d’étiquette
samples-none = Aucun échantillon pour l’instant.
samples-new = Nouvel échantillon
samples-type = Type
samples-made-from = Issu de
samples-parent-code = Code d’étiquette de l’échantillon ou du lot d’origine
samples-relation = Comment
samples-taken = Quantité prélevée (dans son unité)
samples-create = Créer l’échantillon
samples-place = Emplacement
samples-no-parent = Issu d’aucun autre échantillon ni lot.
samples-restricted = Restreint (autre équipe)
samples-children = Issus de cet échantillon
samples-aliquot = Aliquoter
samples-aliquot-count = Nombre d’aliquotes
samples-aliquot-each = Quantité de chacune
samples-aliquot-submit = Faire les aliquotes
sample-status-available = disponible
sample-status-used_up = épuisé
sample-status-discarded = éliminé
derivation-aliquot = aliquote
derivation-mixture = mélange
derivation-extract = extrait
derivation-culture = culture
derivation-other = autre
field-error-one_parent = doit désigner exactement un échantillon ou un lot
field-error-sample_status = n’est pas possible sur cet échantillon maintenant
nav-instruments = Appareils
nav-alerts = Alertes
instruments-title = Appareils
instruments-search-hint = Nom, numéro de série ou code d’étiquette
instruments-none = Aucun appareil pour l’instant. Enregistrez le premier ci-dessous.
instruments-new = Nouvel appareil
instruments-model = Modèle
instruments-serial = Numéro de série
instruments-create = Enregistrer l’appareil
instruments-set-status = Changer
instruments-record = Consigner un étalonnage ou une maintenance
instruments-record-kind = Opération
instruments-performed-on = Faite le
instruments-valid-until = Valable jusqu’au
instruments-performed-by = Faite par
instruments-notes = Notes
instruments-record-submit = Consigner
instruments-records = Étalonnages et maintenances
instruments-no-record = Rien de consigné pour l’instant.
instrument-status-available = disponible
instrument-status-in_maintenance = en maintenance
instrument-status-out_of_service = hors service
record-calibration = étalonnage
record-maintenance = maintenance
calibration-none = jamais étalonné
calibration-valid = étalonné
calibration-due_soon = étalonnage bientôt échu
calibration-lapsed = étalonnage échu
alerts-title = Alertes
alerts-days = Jours à venir
alerts-apply = Afficher
alerts-none = Rien à signaler.
alerts-expiring = Lots qui périment
alerts-low-stock = Sous le seuil de réapprovisionnement
alerts-calibration = Étalonnages
alerts-expired = périmé depuis { $days } jours
alerts-expires-in = dans { $days } jours
field-error-in_future = est dans le futur
field-error-not_applicable = ne s’applique pas ici
field-error-before_performed = est avant l’opération
boxes-title = Boîte
boxes-grid = Positions de la boîte
boxes-grid-hint = Une boîte a des rangées (A, B, C…) et des colonnes (1, 2, 3…). Laissez les deux vides pour un emplacement simple.
boxes-rows = Rangées
boxes-cols = Colonnes
boxes-save = Enregistrer
field-error-occupied = laisserait des positions occupées hors de la boîte
field-error-outside_box = est hors de la boîte
field-error-not_a_box = n’est pas possible : l’emplacement n’est pas une boîte
field-error-no_location = demande un emplacement
field-error-not_here = n’est pas possible ici
place-move = Déplacer
place-location = Emplacement
place-nowhere = (aucun emplacement)
place-position = Position dans la boîte
place-submit = Déplacer ici
history-title = Historique
export-csv = Exporter en CSV
products-reorder-level = Seuil de réapprovisionnement
products-reorder-hint = Les alertes signalent le produit quand ses lots en usage contiennent moins que cela.

## Recherche sur tout, et ordre des listes
nav-search = Chercher
search-title = Recherche
search-hint = Nom, CAS, lot fournisseur, numéro de série ou code d’étiquette
search-none = Rien trouvé.
search-kind-product = Produit
search-kind-lot = Lot
search-kind-sample = Échantillon
search-kind-instrument = Instrument
search-kind-location = Emplacement
sort-by = Trier par
sort-created = Date d’ajout
sort-name = Nom
sort-expiry = Péremption

## Pièces jointes
sds-title = Fiche de données de sécurité
sds-none = Pas encore de fiche de données de sécurité.
sds-upload = Déposer la fiche de données de sécurité
certificate-upload = Joindre le certificat
certificate-link = Certificat
upload-error-too_large = Le fichier dépasse la taille autorisée.
upload-error-mismatch = Le fichier n’est pas du type annoncé (un fichier renommé, par exemple).
upload-error-empty = Choisissez d’abord un fichier.
upload-error-invalid = Le type du fichier n’est pas reconnu.
upload-error-already_attached = Cet enregistrement a déjà son certificat.
upload-error-forbidden = Vous ne pouvez pas modifier ceci.
upload-error-not_found = Ceci n’existe plus.

## Impression des étiquettes
print-title = Imprimer des étiquettes
print-label = Imprimer l’étiquette
print-codes = Codes d’étiquette (un par ligne)
print-output = Imprimer sur
print-output-sheet = Une planche d’étiquettes (PDF)
print-output-zpl = Une imprimante d’étiquettes Zebra (ZPL)
print-template = Planche
print-start = Commencer à la position
print-zpl-size = Étiquette Zebra, largeur × hauteur (mm)
print-zpl-height = Hauteur de l’étiquette (mm)
print-zpl-dpi = Résolution de l’imprimante
print-preview = Aperçu
print-none = Aucune étiquette à imprimer : ajoutez des codes ci-dessus.
print-count = { $count ->
    [one] Une étiquette
   *[other] { $count } étiquettes
}
print-sheets = { $count ->
    [one] Une planche
   *[other] { $count } planches
}
print-download-pdf = Télécharger le PDF
print-download-zpl = Télécharger le ZPL
print-selected = Imprimer les étiquettes cochées
label-relabelled = Ouvert par une ancienne étiquette ({ $old }) ; son étiquette est maintenant { $current }.
label-invalid = « { $code } » n’est pas un code d’étiquette : un caractère est mal saisi ou manque. Vérifiez l’étiquette, ou cherchez ci-dessous.
label-unknown = Aucune étiquette { $code } ici, ou elle appartient à une équipe dont vous n’êtes pas membre.

## La page de lecture
nav-scan = Scanner
scan-title = Scanner
scan-modes = Ce que fait la lecture
scan-mode-open = Ouvrir
scan-mode-move = Ranger ici
scan-mode-receive = Réceptionner
scan-hint-open = Présentez une étiquette à la caméra, ou lisez-la avec un lecteur : sa page s’ouvre.
scan-hint-move = Lisez d’abord l’emplacement, puis chaque lot ou échantillon à y ranger.
scan-hint-move-to = Rangement dans { $place } : lisez chaque lot ou échantillon à y mettre, ou un autre emplacement.
scan-hint-receive = Lisez l’étiquette de chaque nouveau lot juste après l’avoir imprimée, pour vérifier qu’elle renvoie au bon lot.
scan-found = Trouvé { $code }
scan-invalid = Pas un code d’étiquette : { $why }
scan-no-camera = Pas de caméra : { $why }. Saisissez ou lisez le code ci-dessous, ou envoyez une photo.
scan-location-first = Lisez d’abord un emplacement : c’est là que vont les suivants.
scan-not-a-lot = Cette étiquette n’est pas celle d’un lot.
scan-moved = rangé ici
scan-received = l’étiquette se relit
scan-code = Code d’étiquette
scan-open = Ouvrir
scan-photo = Pas de caméra ? Envoyez une photo de l’étiquette
scan-photo-read = Lire la photo
scan-photo-error-no_label = Aucune étiquette lisible sur la photo : rapprochez-vous, faites la mise au point, toute l’étiquette dans le cadre.
scan-photo-error-not_an_image = Le fichier n’est pas une photo (JPEG, PNG ou WebP).
scan-photo-error-too_large = La photo dépasse la taille autorisée.
scan-photo-error-empty = Choisissez ou prenez d’abord une photo.

## Le cahier
nav-notebook = Cahier
notebook-title = Cahier de laboratoire
notebook-new-title = Titre d’une nouvelle entrée
notebook-new = Commencer l’entrée
notebook-search-hint = Mots d’un titre, du texte ou d’un mot-clé
notebook-none = Aucune entrée pour l’instant.
entry-status-draft = brouillon
entry-status-signed = signée
entry-status-witnessed = contresignée
entry-date = Date
entry-author = Auteur
entry-status = État
entry-revision = Révision
entry-contributors = Contributeurs
entry-contributor-email = Courriel de la personne
entry-contributor-role = Rôle (conçu, réalisé, analysé…)
entry-contributor-add = Ajouter un contributeur
notebook-in = Cahier
notebook-own = Mon cahier
notebook-all = Tous les cahiers
notebook-open = Ouvrir un cahier
notebook-name = Nom du cahier
notebook-project = Projet
notebook-author = Auteur
notebook-anyone = Tout le monde
notebook-uses = Utilise (code d’étiquette)
notebook-uses-unknown = Aucun lot, échantillon ni instrument ne porte ce code d’étiquette.
entry-title = Titre
entry-tags = Mots-clés (séparés par des virgules)
entry-text = Texte (Markdown : **gras**, listes, | tableaux |)
entry-save = Enregistrer
entry-draft-found = Cet appareil a gardé du texte saisi ici et non enregistré.
entry-draft-restore = Le remettre
entry-draft-discard = L’écarter
entry-materials = Matériel et équipements
entry-no-materials = Rien d’utilisé ni de produit pour l’instant.
entry-files = Images et fichiers
entry-attach = Joindre une image ou un fichier
entry-comments = Commentaires
entry-comment = Commentaire
entry-comment-send = Ajouter le commentaire
entry-revisions = { $count ->
    [one] Une révision
   *[other] { $count } révisions
}
entry-add-usage = Ajouter par code d’étiquette
entry-add-usage-hint = Saisissez ou lisez le code d’un lot, d’un échantillon ou d’un instrument : ce que c’est, ce qui reste et ce qui restera s’affichent avant tout ajout. Pour un instrument, indiquez quand (la dernière heure si vide).
entry-remove-usage = Retirer
usage-lot = Lot
usage-sample_input = Échantillon utilisé
usage-sample_output = Échantillon produit
usage-instrument = Instrument
usage-what = Quoi
usage-code = Code d’étiquette
usage-name = Nom
usage-details = Lot, péremption
usage-amount = Quantité ou durée
usage-warning = Alerte
usage-role = Un échantillon est
usage-from = Instrument utilisé de
usage-to = à
scan-mode-entry = Ajouter à l’entrée
scan-hint-entry = Chaque lot, échantillon ou instrument lu attend ici que vous touchiez Ajouter : indiquez la quantité utilisée d’un lot, vérifiez ce qui restera.
scan-lot-quantity = Quantité de chaque lot
scan-back-to-entry = Revenir à l’entrée
scan-added = ajouté à l’entrée
entry-scan = Lire avec la caméra
usage-protocol = Protocole
protocols-title = Protocoles
protocols-none = Aucun protocole pour l’instant.
protocols-version = Version { $version }
protocols-new = Écrire un protocole
protocols-steps = Étapes (une par ligne)
protocols-body = Notes (Markdown)
protocols-create = Enregistrer le protocole
protocols-frozen = suivie par une entrée : ne change plus
protocols-editable = pas encore suivie : peut encore changer
protocols-start = Commencer une entrée avec cette version
protocols-revise = Modifier le protocole
protocols-revise-hint = Tant qu’aucune entrée n’a suivi la version courante, elle change sur place ; dès qu’une entrée l’a suivie, votre modification devient la version suivante.
entry-photo = Prendre une photo
entry-embed = Mettez cette ligne dans le texte pour y montrer l’image
notebook-from = Du
notebook-to = au

## Trace
nav-trace = Traçabilité
trace-button = Tracer
trace-title = Traçabilité
trace-start-hint = Tapez ou scannez le code d’étiquette d’un lot, d’un échantillon ou d’un instrument pour voir ce qu’il a servi à faire ; ouvrez une entrée ou un échantillon pour voir ce qui a servi à le faire.
trace-direction = Sens
trace-backward = Ce qui a servi (amont)
trace-forward = Ce qu’il a servi à faire (aval)
trace-window = Seulement cette période
trace-summary-backward = { $count ->
    [0] Rien d’enregistré n’a servi à { $start }.
    [one] Une chose a servi à { $start }.
   *[other] { $count } choses ont servi à { $start }.
}
trace-summary-forward = { $count ->
    [0] { $start } n’a encore servi à rien d’enregistré.
    [one] { $start } a servi à une chose.
   *[other] { $start } a servi à { $count } choses.
}
trace-restricted = { $count ->
    [one] L’une d’elles est restreinte : vous ne pouvez pas la voir.
   *[other] { $count } d’entre elles sont restreintes : vous ne pouvez pas les voir.
}
trace-warnings = { $count ->
    [one] Une demande attention (⚠).
   *[other] { $count } demandent attention (⚠).
}
trace-too-large = { $count } éléments : trop pour les dessiner ; le tableau les liste tous.
trace-graph = Graphe de traçabilité, de gauche à droite dans le temps
trace-kind-entry = Entrée
trace-kind-sample = Échantillon
trace-kind-lot = Lot
trace-kind-instrument = Instrument
trace-kind-person = Personne
trace-kind-protocol_version = Protocole
trace-depth = Étapes
trace-path = Chemin
trace-recall = Signaler comme affecté
trace-recall-hint = Signale avec le motif chaque entrée en aval (les vôtres et celles d’autres équipes), par exemple après un rappel du fournisseur ou une période hors étalonnage. Enregistré dans le journal d’audit.
trace-reason = Motif
trace-mark = Signaler les entrées affectées
trace-marked = { $count ->
    [0] Aucune nouvelle entrée à signaler.
    [one] Une entrée signalée.
   *[other] { $count } entrées signalées.
} { $restricted ->
    [0] {""}
   *[other] ({ $restricted } d’une autre équipe.)
}
entry-flagged = ⚠ Signalée
notebook-flagged = Signalées seulement

# Utiliser quelque chose à la paillasse : ce que cela fera, dit avant de le faire.
usage-kind-lot = Lot
usage-kind-sample = Échantillon
usage-kind-instrument = Instrument
use-supplier-lot = lot { $lot }
use-expires = péremption { $date }
use-left = Reste : { $amount }
use-quantity = Quantité utilisée
use-unit = Unité
use-will-remain = En prenant { $take }, il restera { $rest }.
use-type-amount = Saisissez la quantité utilisée : ce qui restera s’affiche ici.
use-confirm = Je confirme : l’utiliser quand même
use-look-up = Vérifier
use-cancel = Annuler
entry-add-usage-button = Ajouter
use-notice-lot_expired = Périmé depuis le { $date }.
use-notice-calibration_lapsed = L’étalonnage avait expiré le { $date }.
use-notice-never_calibrated = Jamais étalonné.
use-notice-instrument_unavailable = L’instrument est { $status }.
use-notice-large_share = Cela prend { $percent } % de ce qui reste.
use-notice-above_limit = Plus de { $limit } en une fois.
use-notice-lot_quarantined = Le lot est en quarantaine : levez-la avant de l’utiliser.
use-notice-lot_disposed = Le lot a été éliminé.
use-notice-more_than_left = Plus que ce qui reste ({ $left }).
field-error-lot_expired = à cocher pour confirmer : le lot est périmé
field-error-calibration_lapsed = à cocher pour confirmer : l’étalonnage avait expiré
field-error-never_calibrated = à cocher pour confirmer : l’instrument n’a jamais été étalonné
field-error-instrument_unavailable = à cocher pour confirmer : l’instrument n’est pas disponible
field-error-large_share = à cocher pour confirmer : cela prend plus de la moitié de ce qui reste
field-error-above_limit = à cocher pour confirmer : c’est une grande quantité
field-error-lot_quarantined = impossible : le lot est en quarantaine
field-error-lot_disposed = impossible : le lot a été éliminé
field-error-more_than_left = dépasse ce qui reste
field-error-full = n’a plus de position libre
scan-moved-to = rangé ici, en { $position }
scan-position = Position dans la boîte
scan-position-hint = Chaque chose lue va à la position ci-dessus ; la première libre est { $position }.
scan-box-full = La boîte est pleine.
scan-pending = À ajouter à l’entrée
scan-add-pending = Ajouter à l’entrée
scan-error-location_first = Lisez d’abord un emplacement : c’est là que vont les suivants.
scan-error-unknown = Aucun lot, échantillon, instrument ni emplacement n’a ce code.
scan-error-invalid = Ce n’est pas un code d’étiquette.
scan-pending-move = Le ranger dans { $place } ?
scan-move-pending = Le ranger ici
entry-diff-omitted = { $count ->
    [one] 1 ligne non affichée
   *[other] { $count } lignes non affichées
}
trace-table-more = { $count } de plus : l’export CSV les donne tous.
field-error-too_many = en demande trop à la fois
field-error-not_published = est encore en cours d’écriture par son équipe : suivez une version figée
# Pourquoi ce qui a été saisi dans la case de lecture n’est pas un code d’étiquette.
scan-code-required = rien n’a été lu
scan-code-wrong_length = un code d’étiquette a { $expected } caractères, celui-ci en a { $found }
scan-code-invalid_character = « { $found } » (caractère { $position }) ne figure dans aucun code d’étiquette
scan-code-check_digit = le caractère de contrôle ne correspond pas (un caractère mal saisi, ou deux inversés)
field-error-wrong_length = n’a pas les 8 caractères d’un code d’étiquette
field-error-invalid_character = contient un caractère qui ne figure dans aucun code d’étiquette
movement-move = rangement
# Les raisons que l’application écrit sur les lignes du registre (celle d’une personne s’affiche telle quelle).
ledger-reason-received = reçu
ledger-reason-made = préparé
ledger-reason-aliquoted = aliquoté
ledger-reason-moved_to = vers { $place }
ledger-reason-moved_out = sorti de son emplacement
ledger-reason-used_in = utilisé dans l’entrée n° { $entry }
ledger-reason-usage_removed = utilisation retirée de l’entrée n° { $entry }
ledger-reason-taken_for = prélevé pour l’échantillon { $sample }
trace-notice-used_after_expiry = utilisé le { $used_on }, après sa péremption le { $expires_on }
trace-notice-flagged = signalé : { $reason }
trace-restricted-caption = { $kind } (restreint)
trace-detail-lot = lot { $lot }
trace-detail-expiry = périme le { $date }
notebook-of = Cahier de { $name }
# L’étalonnage d’un instrument pendant son utilisation, dans le tableau du matériel.
use-calibration-valid = étalonné
use-calibration-valid-until = étalonné jusqu’au { $date }
use-calibration-due_soon = étalonné
use-calibration-due_soon-until = étalonné jusqu’au { $date }
use-calibration-lapsed = étalonnage expiré
use-calibration-lapsed-until = étalonnage valable seulement jusqu’au { $date }
use-calibration-none = jamais étalonné
use-calibration-none-until = jamais étalonné
