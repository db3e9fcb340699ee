import GRDB
import Mustache
import Crypto
import CLibXML2
import Logging
