# Prompts of the INPS IVR flows (profiles/inps/flows), Spanish. Same message ids as it/ivr.ftl.

## Common

no-input = No he recibido ninguna respuesta.
no-match = Lo sentimos, esa opción no es válida.
digits-no-input = No he recibido ninguna cifra.
digits-no-match = El número marcado no está completo.
goodbye = Gracias por llamar al INPS. Adiós.
goodbye-no-choice = No hemos podido recibir una opción válida. Le rogamos que vuelva a llamar. Adiós.
service-error = Lo sentimos, en este momento el servicio no está disponible. Por favor, inténtelo de nuevo más tarde.

## Language and welcome (R-LANG-1)

language-offer = Para español, pulse 7.
welcome = Bienvenido al Centro de atención del INPS, el instituto italiano de la seguridad social.

## Main menu

need-ask = Díganos brevemente qué necesita, por ejemplo: estado de mi solicitud, NASpI, pensión. O pulse 1 para los servicios automáticos, disponibles las 24 horas; 2 para información; 3 para hablar con un operador. Para cambiar de idioma, pulse 9.

## Information (R-INFO-1, R-INFO-2)

info-menu-1 = Información. Para la NASpI, pulse 1. Para la asignación única universal, Assegno unico, 2. Para el permiso de maternidad y paternidad, 3. Para el permiso parental, 4. Para la asignación de inclusión, Assegno di inclusione, 5. Para el apoyo a la formación y al trabajo, 6. Para la prestación por enfermedad, 7. Para el bono de guardería, 8. Para otros temas, 9. Para volver al menú principal, pulse asterisco.
info-menu-2 = Para el PIN y las credenciales de acceso a los servicios en línea, pulse 1. Para la delegación de la identidad digital, 2. Para la tarjeta europea de discapacidad, 3. Para la guía en vídeo para nuevos pensionistas, 4. Para el rescate con descuento de los años de universidad, 5. Para las notificaciones de la aplicación IO sobre los vencimientos de las cotizaciones del trabajo doméstico, 6. Para las notificaciones de la aplicación IO sobre las solicitudes de INPS Linea, 7. Para el PIN de intermediarios y empresas, 8. Para volver al menú anterior, pulse asterisco.

## Agents (R-ROUTE-1, R-ROUTE-2, R-HOURS-1, R-HOURS-2, R-HOURS-4, R-LANG-2)

agents-choose-group = ¿Sobre qué servicio desea hablar con un operador? Pensiones, pulse 1. Prestaciones sociales y de apoyo a la renta, 2. Trabajo y empleo, 3. Cotizaciones y vida laboral, 4. Empresas y empleadores, 5. Invalidez y discapacidad, 6. Pagos y certificados, 7. Información y atención al ciudadano, 8. Servicios en línea, 9. Para volver al menú principal, pulse asterisco.
agents-connecting = Espere, por favor: le pasamos con el primer operador disponible. Para información sobre su situación personal, tenga a mano su código fiscal italiano y su PIN telefónico.
agents-closed = En este momento nuestros operadores no están disponibles. Atienden de lunes a viernes de ocho de la mañana a ocho de la tarde, y los sábados de ocho de la mañana a dos de la tarde, hora italiana, excepto festivos.
agents-closed-foreign = En este momento nuestros operadores no están disponibles. Los operadores que hablan su idioma atienden de lunes a viernes de nueve de la mañana a dos de la tarde, hora italiana. Los operadores de lengua italiana atienden de lunes a viernes de ocho de la mañana a ocho de la tarde, y los sábados de ocho de la mañana a dos de la tarde, excepto festivos.
agents-offer-italian = Los operadores que hablan su idioma atienden de lunes a viernes de nueve de la mañana a dos de la tarde, hora italiana. Ahora puede hablar con un operador de lengua italiana: pulse 1. Para los servicios automáticos, disponibles las 24 horas, pulse 2. Para volver al menú principal, pulse asterisco. Para terminar la llamada, pulse 0.
agents-offer-self = Los servicios automáticos están disponibles las 24 horas, también en días festivos. Para utilizarlos, pulse 1. Para volver al menú principal, pulse asterisco. Para terminar la llamada, pulse 0.
agents-busy = Lo sentimos, en este momento no podemos pasarle con un operador. Por favor, inténtelo de nuevo más tarde.

## Automated services (R-SELF-1..9, R-HOURS-3)

self-menu = Servicios automáticos. Para el estado de una solicitud, pulse 1. Para las cotizaciones que debe pagar por un empleado de hogar, 2. Para recibir un documento en su domicilio, como el resumen de pagos o el informe de cotizaciones, 3. Para el estado de una consulta de INPS Linea, 4. Para pedir una cita, 5. Para volver al menú principal, pulse asterisco.
self-closed = Los servicios automáticos no están disponibles temporalmente. Por favor, inténtelo de nuevo más tarde.
result-next = Para volver a escuchar, pulse 1. Para otro servicio automático, 2. Para volver al menú principal, pulse asterisco. Para terminar la llamada, pulse 0.
after-service = Para otro servicio automático, pulse 1. Para volver al menú principal, pulse asterisco. Para terminar la llamada, pulse 0.
try-again = Para marcar de nuevo el número, pulse 1. Para otro servicio automático, 2. Para volver al menú principal, pulse asterisco. Para terminar la llamada, pulse 0.

## Identification (R-AUTH-3, R-AUTH-4)

id-tax-code = Marque su código fiscal italiano, el codice fiscale, en el teclado del teléfono: para cada letra, pulse una vez la tecla donde está escrita; para cada cifra, la tecla correspondiente.
id-pin = Marque su PIN telefónico de ocho cifras.
id-birth-date = Para completar su identificación, marque su fecha de nacimiento: dos cifras para el día, dos para el mes y cuatro para el año.
id-not-recognised = Los datos marcados no coinciden. Intentémoslo de nuevo.
id-failed = No ha sido posible identificarle con los datos marcados.
id-pin-locked = Por su seguridad, tras tres intentos erróneos su PIN telefónico ha sido bloqueado durante treinta minutos. Podrá intentarlo de nuevo más tarde, o crear un nuevo PIN en el área personal MyINPS del sitio inps.it.

## Status of an application (R-SELF-1)

status-menu = Estado de una solicitud. Si conoce el número de la solicitud, número DOMUS o de protocolo, pulse 1. Si tiene su PIN telefónico, pulse 2 para conocer el estado de su solicitud más reciente. Para volver al menú anterior, pulse asterisco. Para una solicitud de la gestión de empleados públicos, antes INPDAP, pulse 3.
status-ask-number = Marque el número de la solicitud: el número DOMUS de trece cifras, o el número de protocolo de diecinueve cifras. Al terminar, pulse almohadilla.
status-result =
    Su solicitud de { $benefit } { $status ->
        [received] ha sido recibida
        [under-review] está en tramitación
        [waiting-for-documents] está pendiente de documentos por su parte
        [suspended] está suspendida
        [approved] ha sido aprobada
        [rejected] ha sido denegada
        [paid] ha sido aprobada y está en pago
       *[other] está en trámite
    }. Última actualización: { $status_date }. Oficina competente: { $office }.
status-not-found = No consta ninguna solicitud con este número para el código fiscal indicado.
status-invalid = El número marcado no es un número de solicitud válido.
latest-result =
    Solicitudes a su nombre: { $count }. La más reciente, { $benefit }, { $status ->
        [received] ha sido recibida
        [under-review] está en tramitación
        [waiting-for-documents] está pendiente de documentos por su parte
        [suspended] está suspendida
        [approved] ha sido aprobada
        [rejected] ha sido denegada
        [paid] ha sido aprobada y está en pago
       *[other] está en trámite
    }. Última actualización: { $status_date }.
latest-not-found = No consta ninguna solicitud a su nombre.
latest-unauthorized = Para este servicio se necesita el PIN telefónico.

## Domestic work contributions (R-SELF-3)

domestic-ask-code = Marque el código de diez cifras de la relación laboral con su empleado de hogar. Lo encontrará en los avisos de pago de las cotizaciones.
domestic-result = Cotizaciones del trabajo doméstico, trimestre { $quarter } del año { $year }: el importe a pagar es { $amount }, con vencimiento el { $due_date }.
domestic-unavailable = El importe de las cotizaciones del próximo trimestre aún no está disponible. El pago vence el { $due_date }.
domestic-not-found = No consta ninguna relación laboral doméstica con este código para el código fiscal indicado.
domestic-invalid = El código marcado no es un código de relación laboral válido.

## Documents sent home (R-SELF-4..7)

docs-menu = ¿Qué documento desea recibir en su domicilio? El resumen de pagos del último año, pulse 1. El detalle de los pagos de su pensión, 2. Su informe de cotizaciones, 3. Para volver al menú anterior, pulse asterisco.
docs-menu-cu = ¿Qué documento desea recibir en su domicilio? El resumen de pagos del último año, pulse 1. El detalle de los pagos de su pensión, 2. Su informe de cotizaciones, 3. La Certificazione Unica, el certificado fiscal anual, 4. Para volver al menú anterior, pulse asterisco.
docs-cu-ask-year = Marque el año de la Certificazione Unica, con cuatro cifras. La Certificazione Unica de cada año se refiere a los ingresos del año anterior.
docs-sent =
    { $kind ->
        [payment_statement] El resumen de pagos se le enviará
        [pension_details] El detalle de los pagos de su pensión se le enviará
        [insurance_record] Su informe de cotizaciones se le enviará
       *[certificazione_unica] La Certificazione Unica se le enviará
    } por correo a su domicilio. Fecha de envío: { $dispatch_date }.
docs-sent-recently =
    { $kind ->
        [payment_statement] El resumen de pagos ya se solicitó
        [pension_details] El detalle de los pagos de su pensión ya se solicitó
        [insurance_record] Su informe de cotizaciones ya se solicitó
       *[certificazione_unica] La Certificazione Unica ya se solicitó
    } recientemente. Fecha de envío: { $sent_on }. Espere unos días a que llegue.
docs-no-address = No consta ningún domicilio al que enviar el documento. Puede actualizarlo en el área personal MyINPS, o dirigirse a un operador.
docs-not-found =
    { $kind ->
        [payment_statement] No constan pagos a su nombre en el último año.
        [pension_details] No constan pagos de pensión a su nombre.
        [insurance_record] No consta ningún informe de cotizaciones a su nombre.
       *[certificazione_unica] No consta ninguna Certificazione Unica a su nombre para ese año.
    }
docs-cu-closed = La Certificazione Unica solo se envía durante la campaña anual. Siempre está disponible en el área personal MyINPS del sitio inps.it.

## INPS Linea requests (R-SELF-8)

linea-ask-request = Marque el número de doce cifras de su consulta de INPS Linea: las cuatro cifras del año, seguidas de las ocho cifras del número.
linea-result =
    { $status ->
        [received] Su consulta de INPS Linea ha sido recibida y se tramitará antes del { $sla_due }.
        [taken-in-charge] Su consulta de INPS Linea está siendo tramitada; la respuesta está prevista antes del { $sla_due }.
        [overdue] Su consulta de INPS Linea sigue en tramitación: la fecha prevista, el { $sla_due }, ya ha pasado. Si desea reclamarla, puede hablar con un operador.
        [waiting-for-citizen] Su consulta de INPS Linea está a la espera de información por su parte: revise los mensajes que le hemos enviado.
        [answered] Su consulta de INPS Linea ya ha sido respondida.
        [closed] Su consulta de INPS Linea está cerrada.
       *[other] Su consulta de INPS Linea está en trámite.
    } Oficina competente: { $office }.
linea-not-found = No consta ninguna consulta de INPS Linea con este número para el código fiscal indicado.
linea-invalid = El número marcado no es un número de consulta válido.

## Appointments (R-SELF-9)

appt-choose-service = ¿Para qué servicio desea una cita? Pensiones, pulse 1. Prestaciones sociales y de apoyo a la renta, 2. Trabajo y empleo, 3. Cotizaciones y vida laboral, 4. Empresas y empleadores, 5. Invalidez y discapacidad, 6. Pagos y certificados, 7. Información y atención al ciudadano, 8. Servicios en línea, 9. Para volver a los servicios automáticos, pulse asterisco.
appt-offer = La primera cita disponible es el { $start }, en esta oficina: { $office }. Para reservarla, pulse 1. Para volver a los servicios automáticos, pulse 2.
appt-ask-mobile = Marque el número de móvil al que enviar el SMS de confirmación y, a continuación, pulse almohadilla.
appt-booked = Su cita está reservada para el { $start }, en esta oficina: { $office }. Su código de reserva es { $code }. Recibirá un SMS de confirmación.
appt-conflict = Lo sentimos, otra persona acaba de reservar esa cita. Buscamos la siguiente disponible.
appt-mobile-invalid = El número marcado no es un número de móvil válido.
appt-unavailable = En este momento no hay citas disponibles para este servicio. Inténtelo de nuevo en los próximos días, o diríjase a un operador.
appt-not-found = No hemos encontrado la oficina competente para su lugar de residencia. Para reservar, diríjase a un operador.

## Survey (R-SURV-1, R-SURV-2; questions as in SurveySpec::inps_default)

survey-intro-agent = Antes de despedirnos, le pedimos que valore la conversación con nuestro operador: son solo dos preguntas. Si no desea responder, puede colgar.
survey-intro-automated = Antes de despedirnos, le pedimos que valore el servicio automático: son solo dos preguntas. Si no desea responder, puede colgar.
survey-satisfaction = ¿Qué tan satisfecho está con el servicio recibido? Valórelo de 1, nada satisfecho, a 5, muy satisfecho.
survey-resolved = ¿Se ha resuelto su consulta? Pulse 1 para sí, 2 para no.
survey-thanks = Gracias por su valoración.

## Certificazione Unica line, 800 434 320 (R-CHAN-5)

cu-welcome = Bienvenido al servicio del INPS para la Certificazione Unica. Para cambiar de idioma, pulse 9; si no, permanezca en línea.
cu-closed = El número gratuito de la Certificazione Unica solo está activo durante la campaña anual. La Certificazione Unica está siempre disponible en el área personal MyINPS del sitio inps.it. Gracias por su llamada. Adiós.
cu-other-year = Para indicar otro año, pulse 1. Para terminar la llamada, pulse 0.

# R-SELF-2: public-administration (ex-INPDAP) applications, by name, date of birth and number.
inpdap-ask-surname = Marque su apellido en el teclado del teléfono, una tecla por cada letra: por ejemplo, para la letra R pulse 7. Al terminar, pulse almohadilla.
inpdap-ask-name = Ahora marque su nombre de pila de la misma manera, una tecla por cada letra, y al terminar pulse almohadilla.
inpdap-ask-birth-date = Marque su fecha de nacimiento con ocho cifras: día, mes y año. Por ejemplo, para el 5 de marzo de 1961 marque 0 5 0 3 1 9 6 1.
inpdap-not-found = No consta ninguna solicitud de la gestión de empleados públicos con estos datos. Compruebe el apellido, el nombre, la fecha de nacimiento y el número de la solicitud.
